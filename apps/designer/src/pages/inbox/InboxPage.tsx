import { Alert, App, Button, Card, Col, Empty, Input, List, Popconfirm, Row, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import type { Handoff } from '@zhishou/flow-schema';
import { inboxApi } from '../../api/inbox';
import { byPriority } from './inboxOrder';
import { Transcript } from './Transcript';
import { HandoffContext } from './HandoffContext';

const inbox = inboxApi(api);
const POLL_MS = 5_000;
const PRIORITY_COLORS = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' } as const;

/** Human agents: conversations the bot handed over, most urgent first; take one, reply, hand back. */
export function InboxPage({ bot }: { bot?: string }) {
  const { t } = useTranslation();
  const allowed = useCan('inbox.use');
  const me = useSession((s) => s.user?.email ?? null);
  const list = useAsync(async () => (await inbox.list(bot)).sort(byPriority), [bot]);
  const [filter, setFilter] = useState<'waiting' | 'mine' | 'all'>('waiting');
  const [selectedId, setSelectedId] = useState<string>();
  // The last seen version of the open handoff: it stays readable after it leaves the list (handed back).
  const [lastSelected, setLastSelected] = useState<Handoff>();

  useEffect(() => {
    const timer = setInterval(() => list.reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [list]);

  if (!allowed) return <Alert type="warning" showIcon message={t('nav.forbidden')} />;

  const items = (list.data ?? []).filter((h) =>
    filter === 'waiting' ? h.status === 'open' : filter === 'mine' ? h.status === 'claimed' && h.claimedBy === me : h.status !== 'released',
  );
  const fresh = (list.data ?? []).find((h) => h.id === selectedId);
  useEffect(() => {
    if (fresh) setLastSelected(fresh);
  }, [fresh]);
  const selected = fresh ?? (lastSelected?.id === selectedId ? lastSelected : undefined);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('inbox.title')}
      </Typography.Title>
      {list.error !== undefined && <Alert type="error" showIcon message={t('inbox.loadFailed')} />}
      <Row gutter={16}>
        <Col span={8}>
          <Segmented
            block
            value={filter}
            onChange={(v) => setFilter(v as typeof filter)}
            options={[
              { value: 'waiting', label: t('inbox.waiting') },
              { value: 'mine', label: t('inbox.mine') },
              { value: 'all', label: t('inbox.all') },
            ]}
            style={{ marginBottom: 8 }}
          />
          <List
            bordered
            data-testid="inbox-list"
            loading={list.loading && !list.data}
            dataSource={items}
            locale={{ emptyText: t('inbox.empty') }}
            renderItem={(h) => (
              <List.Item
                onClick={() => setSelectedId(h.id)}
                style={{ cursor: 'pointer', background: h.id === selectedId ? 'rgba(22,119,255,0.08)' : undefined }}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <Tag color={PRIORITY_COLORS[h.priority]}>{t(`inbox.priorities.${h.priority}`)}</Tag>
                      <span>{h.externalId}</span>
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={0}>
                      <span>{h.reason ?? t('inbox.noReason')}</span>
                      <Typography.Text type="secondary">
                        {h.botKey} · {new Date(h.createdAt).toLocaleString()}
                        {h.status === 'claimed' ? ` · ${t('inbox.claimedBy', { who: h.claimedBy })}` : ''}
                      </Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Col>
        <Col span={16}>
          {selected ? (
            <HandoffDetail key={selected.id} handoff={fresh ? selected : { ...selected, status: 'released' }} me={me} onChanged={list.reload} />
          ) : (
            <Empty description={t('inbox.pick')} />
          )}
        </Col>
      </Row>
    </Space>
  );
}

function HandoffDetail({ handoff, me, onChanged }: { handoff: Handoff; me: string | null; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const transcript = useAsync(() => inbox.transcript(handoff), [handoff.id]);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const mine = handoff.status === 'claimed' && handoff.claimedBy === me;

  useEffect(() => {
    if (!mine) return;
    const timer = setInterval(() => transcript.reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [mine, transcript]);

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      void message.success(t(done));
      onChanged();
      transcript.reload();
      return true;
    } catch (error) {
      showError(error);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={
        <Space>
          <Tag color={PRIORITY_COLORS[handoff.priority]}>{t(`inbox.priorities.${handoff.priority}`)}</Tag>
          <span>{handoff.externalId}</span>
          <Typography.Text type="secondary">{handoff.botKey}</Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {handoff.status === 'open' && (
            <Button type="primary" data-testid="inbox-claim" loading={busy} onClick={() => void act(() => inbox.claim(handoff.id), 'inbox.claimed')}>
              {t('inbox.claim')}
            </Button>
          )}
          {mine && (
            // Handing back lets the bot answer the buyer again: ask first, a slip of the mouse is not undone.
            <Popconfirm
              title={t('inbox.releaseConfirm')}
              description={t('inbox.releaseConfirmHelp')}
              okText={t('inbox.release')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'inbox-release-confirm' } as Record<string, string>}
              onConfirm={() => void act(() => inbox.release(handoff.id), 'inbox.released')}
            >
              <Button data-testid="inbox-release" loading={busy}>
                {t('inbox.release')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      {handoff.reason && <Alert type="info" showIcon message={t('inbox.reason', { reason: handoff.reason })} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col span={15}>
          <Transcript messages={transcript.data ?? []} loading={transcript.loading && !transcript.data} />
        </Col>
        <Col span={9}>
          <HandoffContext handoff={handoff} />
        </Col>
      </Row>
      {mine ? (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input.TextArea
            aria-label={t('inbox.reply')}
            placeholder={t('inbox.replyPlaceholder')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={reply}
            onChange={(e) => setReply(e.target.value)}
          />
          <Button
            type="primary"
            data-testid="inbox-send"
            disabled={!reply.trim()}
            loading={busy}
            onClick={() => void act(() => inbox.reply(handoff.id, reply.trim()), 'inbox.sent').then((ok) => ok && setReply(''))}
          >
            {t('inbox.send')}
          </Button>
        </Space.Compact>
      ) : (
        handoff.status === 'claimed' && <Typography.Text type="secondary">{t('inbox.claimedBy', { who: handoff.claimedBy })}</Typography.Text>
      )}
    </Card>
  );
}
