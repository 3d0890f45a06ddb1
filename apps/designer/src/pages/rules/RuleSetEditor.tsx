import { validateRuleSet, type RuleSetInput, type TriggerRuleInput } from '@zhishou/flow-schema';
import { Alert, App, Button, Card, Checkbox, Input, Popconfirm, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiRoutes } from '../../api';
import { ApiError } from '../../api/client';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { addBlocker } from '../../router/router';
import { FireHistory, OUTCOME_COLORS } from './FireHistory';
import { RuleEditor } from './RuleEditor';
import { newRule, removeRule, upsertRule } from './ruleEdits';
import { rulesApi } from '../../api/rules';
import { lastFireByRule, ruleStatuses, type RuleStatus } from './fireLog';
import { SimulationPanel } from './SimulationPanel';

const rules = rulesApi(api);

/** One rule set: its rules with status and last fire, the rule editor, simulation, publish, history. */
export function RuleSetEditor({ bot, setKey, onSaved }: { bot: string; setKey: string; onSaved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canEdit = useCan('rules.edit');
  const canPublish = useCan('rules.publish');
  const draft = useAsync(() => rules.get(bot, setKey), [bot, setKey]);
  const versions = useAsync(() => rules.versions(bot, setKey).catch(() => []), [bot, setKey]);
  const fires = useAsync(async () => (await rules.fires(bot)).filter((f) => f.ruleSetKey === setKey), [bot, setKey]);
  const deliveries = useAsync(() => rules.deliveries(bot).catch(() => []), [bot, fires.data]);
  const statuses = useAsync(() => rules.overview(bot).then(ruleStatuses).catch(() => new Map<string, RuleStatus>()), [bot, draft.data]);
  const flows = useAsync(() => apiRoutes.listFlows(bot).catch(() => []), [bot]);
  const [doc, setDoc] = useState<RuleSetInput>();
  const [revision, setRevision] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ rule: TriggerRuleInput; previousId?: string } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [goLive, setGoLive] = useState(true);

  useEffect(() => {
    if (draft.data) {
      setDoc(draft.data.document);
      setRevision(draft.data.revision);
      setDirty(false);
    }
  }, [draft.data]);
  useEffect(() => addBlocker(() => (dirty ? t('rules.unsaved') : null)), [dirty, t]);

  const validation = useMemo(() => (doc ? validateRuleSet(doc) : null), [doc]);
  const issues = validation && !validation.ok ? validation.issues : [];
  const lastFires = useMemo(() => lastFireByRule(fires.data ?? []), [fires.data]);
  const names = useMemo(() => new Map((doc?.rules ?? []).map((r) => [r.id, r.name])), [doc]);

  if (draft.error !== undefined && !doc) return <Alert type="error" showIcon message={t('rules.loadFailed')} />;
  if (!doc) return <Card loading />;

  const edit = (next: RuleSetInput) => {
    setDoc(next);
    setDirty(true);
  };

  async function save(): Promise<number | null> {
    if (!doc) return null;
    try {
      const saved = await rules.save(bot, setKey, doc, revision);
      setRevision(saved.revision);
      setDirty(false);
      onSaved();
      return saved.revision;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'stale_revision') void message.error(t('rules.stale'));
      else showError(error);
      return null;
    }
  }

  async function publish() {
    setBusy(true);
    try {
      const rev = dirty ? await save() : revision;
      if (rev === null) return;
      const published = await rules.publish(bot, setKey, note.trim(), rev);
      if (goLive) await rules.setLive(bot, setKey, published.number);
      void message.success(t(goLive ? 'versions.publishedLive' : 'rules.published', { number: published.number }));
      setNote('');
      versions.reload();
      draft.reload();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  async function setLive(version: number) {
    try {
      await rules.setLive(bot, setKey, version);
      void message.success(t('versions.liveSet', { number: version }));
      draft.reload();
    } catch (error) {
      showError(error);
    }
  }

  const liveVersion = draft.data?.liveVersion ?? null;
  const publishBlock = !canPublish ? 'role' : issues.length > 0 ? 'errors' : !note.trim() ? 'note' : null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space>
            <Typography.Text strong>{doc.name}</Typography.Text>
            {liveVersion !== null ? <Tag color="green">{t('rules.liveVersion', { number: liveVersion })}</Tag> : <Tag>{t('rules.notPublished')}</Tag>}
            {dirty && <Typography.Text type="warning">{t('rules.unsavedShort')}</Typography.Text>}
          </Space>
          <Space>
            {canEdit && (
              <Button data-testid="ruleset-save" disabled={!dirty} onClick={() => void save().then((r) => r !== null && void message.success(t('rules.saved')))}>
                {t('common.save')}
              </Button>
            )}
            {canPublish && (
              <Input aria-label={t('versions.note')} data-testid="rules-publish-note" placeholder={t('versions.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 260 }} />
            )}
            {canPublish && (
              <Checkbox checked={goLive} onChange={(e) => setGoLive(e.target.checked)} data-testid="rules-go-live">
                {t('versions.goLive')}
              </Checkbox>
            )}
            {canPublish && (
              <Tooltip title={publishBlock ? t(`versions.block.${publishBlock}`) : undefined}>
                <Button type="primary" data-testid="rules-publish" loading={busy} disabled={publishBlock !== null} onClick={() => void publish()}>
                  {t('versions.publish')}
                </Button>
              </Tooltip>
            )}
          </Space>
        </Space>
      </Card>
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="rules-issues"
          message={t('rules.issues', { count: issues.length })}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{issues.slice(0, 10).map((i) => <li key={`${i.path}-${i.code}`}>{`${i.path}: ${i.message}`}</li>)}</ul>}
        />
      )}
      <Tabs
        items={[
          {
            key: 'rules',
            label: <span data-testid="tab-rules">{t('rules.rulesTab')}</span>,
            children: (
              <>
                {canEdit && (
                  <Button data-testid="rule-add" style={{ marginBottom: 8 }} onClick={() => setEditing({ rule: newRule(doc.rules) })}>
                    {t('rules.newRule')}
                  </Button>
                )}
                <Table<TriggerRuleInput>
                  rowKey="id"
                  size="small"
                  dataSource={doc.rules}
                  pagination={false}
                  data-testid="rules-table"
                  locale={{ emptyText: t('rules.noRules') }}
                  columns={[
                    { title: t('common.name'), dataIndex: 'name', render: (name: string, r) => <a onClick={() => setEditing({ rule: r, previousId: r.id })}>{name || r.id}</a> },
                    { title: t('rules.on'), dataIndex: 'on', render: (on: string) => <Tag>{on}</Tag> },
                    { title: t('rules.after'), dataIndex: 'after', render: (after?: string | number) => (after === undefined ? t('rules.immediately') : String(after)) },
                    { title: t('rules.cancelOn'), dataIndex: 'cancelOn', render: (c?: string[]) => (c ?? []).map((e) => <Tag key={e}>{e}</Tag>) },
                    {
                      title: t('rules.status'),
                      key: 'enabled',
                      render: (_: unknown, r) => (
                        <Space size={4}>
                        <RuleStatusTag status={statuses.data?.get(`${setKey}/${r.id}`)} />
                        <Switch
                          size="small"
                          checked={r.enabled ?? true}
                          disabled={!canEdit}
                          checkedChildren={t('rules.on_')}
                          unCheckedChildren={t('rules.off')}
                          onChange={(enabled) => edit(upsertRule(doc, { ...r, enabled }))}
                        />
                        </Space>
                      ),
                    },
                    {
                      title: t('rules.lastFire'),
                      key: 'last',
                      render: (_: unknown, r) => {
                        const f = lastFires.get(r.id);
                        const pending = statuses.data?.get(`${setKey}/${r.id}`)?.pending ?? 0;
                        return f ? (
                          <Space size={4}>
                            <Tag color={OUTCOME_COLORS[f.outcome]}>{t(`rules.outcomes.${f.outcome}`, { defaultValue: f.outcome })}</Tag>
                            <Typography.Text type="secondary">{new Date(f.at).toLocaleString()}</Typography.Text>
                            {pending > 0 && <Tag color="blue">{t('rules.pendingCount', { count: pending })}</Tag>}
                          </Space>
                        ) : (
                          <Typography.Text type="secondary">{t('rules.neverFired')}</Typography.Text>
                        );
                      },
                    },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_: unknown, r) =>
                        canEdit && (
                          <Popconfirm title={t('rules.deleteConfirm', { name: r.name || r.id })} onConfirm={() => edit(removeRule(doc, r.id))}>
                            <Button size="small" danger type="link">
                              {t('common.delete')}
                            </Button>
                          </Popconfirm>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
          { key: 'simulate', label: <span data-testid="tab-simulate">{t('rules.simulateTab')}</span>, children: <SimulationPanel ruleSet={doc} /> },
          { key: 'fires', label: t('rules.firesTab'), children: <FireHistory fires={fires} deliveries={deliveries.data ?? []} names={names} /> },
          {
            key: 'versions',
            label: <span data-testid="tab-rule-versions">{t('rules.versionsTab')}</span>,
            children: (
              <Table
                size="small"
                rowKey="number"
                data-testid="rule-versions"
                dataSource={[...(versions.data ?? [])].sort((a, b) => b.number - a.number)}
                locale={{ emptyText: t('versions.none') }}
                pagination={false}
                columns={[
                  { title: t('versions.number'), dataIndex: 'number', render: (n: number) => <Space>{`v${n}`}{n === liveVersion && <Tag color="green">{t('versions.live')}</Tag>}</Space> },
                  { title: t('versions.author'), dataIndex: 'author' },
                  { title: t('versions.time'), dataIndex: 'createdAt', render: (at: string) => new Date(at).toLocaleString() },
                  { title: t('versions.note'), dataIndex: 'note' },
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, v: { number: number }) =>
                      canPublish && v.number !== liveVersion && (
                        <Popconfirm title={t('versions.setLiveConfirm', { number: v.number })} onConfirm={() => setLive(v.number)}>
                          <Button size="small">{liveVersion !== null && v.number < liveVersion ? t('versions.rollback') : t('versions.setLive')}</Button>
                        </Popconfirm>
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {editing && (
        <RuleEditor
          ruleSet={doc}
          rule={editing.rule}
          previousId={editing.previousId}
          issues={issues.filter((i) => i.path.startsWith(`rules.${doc.rules.findIndex((r) => r.id === editing.previousId)}.`))}
          flows={(flows.data ?? []).map((f) => f.key)}
          readOnly={!canEdit}
          onClose={() => setEditing(null)}
          onSave={(rule, previousId) => {
            edit(upsertRule(doc, rule, previousId));
            setEditing(null);
          }}
        />
      )}
    </Space>
  );
}

const STATUS_COLORS: Record<string, string> = { live: 'green', disabled: 'default', draft_only: 'gold' };

/** Live / disabled in the live version / only in the draft (not published yet). */
function RuleStatusTag({ status }: { status: RuleStatus | undefined }) {
  const { t } = useTranslation();
  const s = status?.status ?? 'draft_only';
  return <Tag color={STATUS_COLORS[s]}>{t(`rules.statuses.${s}`, { defaultValue: s })}</Tag>;
}
