import { Alert, Button, Empty, List, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { parseFlow, type Flow } from '@zhishou/flow-schema';
import { apiRoutes } from '../api';
import { describeApiError } from '../api/client';
import { useAsync } from '../hooks/useAsync';
import { useEditor } from '../store/context';
import { diffDraft, diffMarks, isEmptyDiff } from './draftDiff';

/** The live version's document, or null when the flow has none yet. Small on its own for the api-client move. */
export async function fetchLiveFlow(bot: string, flow: string): Promise<{ version: number; doc: Flow } | null> {
  const draft = await apiRoutes.getFlow(bot, flow);
  const live = draft.liveVersion ?? null;
  if (live === null) return null;
  const record = await apiRoutes.getFlowVersion(bot, flow, live);
  // Positions do not count in the diff, so the version needs no layout, only its current schema.
  const parsed = parseFlow(record.content);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return { version: live, doc: parsed.flow };
}

const COLOURS = { added: 'green', changed: 'orange', removed: 'red' } as const;

/** Draft vs live: a list of what changed, and the added/changed nodes marked on the canvas while it is open. */
export function DiffPanel() {
  const { t } = useTranslation();
  const { botKey, flowKey } = useEditor((s) => s.meta);
  const doc = useEditor((s) => s.doc);
  const setDiffMarks = useEditor((s) => s.setDiffMarks);
  const focusNode = useEditor((s) => s.focusNode);
  const live = useAsync(() => fetchLiveFlow(botKey, flowKey), [botKey, flowKey]);
  const diff = useMemo(() => (live.data ? diffDraft(live.data.doc, doc) : null), [live.data, doc]);

  useEffect(() => {
    setDiffMarks(diff ? diffMarks(diff) : null);
  }, [diff, setDiffMarks]);
  useEffect(() => () => setDiffMarks(null), [setDiffMarks]);

  if (live.loading && !live.data) return <Spin />;
  if (live.error !== undefined) return <Alert type="error" showIcon title={describeApiError(live.error, t)} action={<Button size="small" onClick={live.reload}>{t('common.retry')}</Button>} />;
  if (!live.data || !diff) return <Empty description={t('flowDiff.noLive')} data-testid="diff-no-live" />;

  // Unnamed nodes go by their kind, as on the canvas; the id stays beside it.
  const nameOf = (n: Flow['nodes'][number]) => n.name || t(`nodes.${n.kind}.label`);
  const liveNames = new Map(live.data.doc.nodes.map((n) => [n.id, nameOf(n)]));
  const draftNames = new Map(doc.nodes.map((n) => [n.id, nameOf(n)]));
  const rows = [
    ...diff.nodes.added.map((id) => ({ id, change: 'added' as const, name: draftNames.get(id) ?? id })),
    ...diff.nodes.changed.map((id) => ({ id, change: 'changed' as const, name: draftNames.get(id) ?? id })),
    ...diff.nodes.removed.map((id) => ({ id, change: 'removed' as const, name: liveNames.get(id) ?? id })),
  ];
  const edgeCount = (k: 'added' | 'removed' | 'changed') => diff.edges[k].length;

  return (
    <div data-testid="diff-panel">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('flowDiff.title', { version: live.data.version })}
      </Typography.Title>
      {isEmptyDiff(diff) ? (
        <Alert type="success" showIcon title={t('flowDiff.same', { version: live.data.version })} data-testid="diff-same" />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="diff-summary">
            {t('flowDiff.summary', { added: diff.nodes.added.length, changed: diff.nodes.changed.length, removed: diff.nodes.removed.length })}
          </Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={rows}
            data-testid="diff-list"
            locale={{ emptyText: t('flowDiff.noNodeChanges') }}
            renderItem={(row) => (
              <List.Item
                data-testid={`diff-${row.change}-${row.id}`}
                style={{ cursor: row.change === 'removed' ? 'default' : 'pointer' }}
                onClick={() => row.change !== 'removed' && focusNode(row.id)}
              >
                <Tag color={COLOURS[row.change]}>{t(`flowDiff.${row.change}`)}</Tag>
                <span style={{ flex: 1 }}>{row.name}</span>
                <Typography.Text type="secondary" code>{row.id}</Typography.Text>
              </List.Item>
            )}
          />
          {edgeCount('added') + edgeCount('removed') + edgeCount('changed') > 0 && (
            <Typography.Paragraph style={{ marginTop: 8 }} data-testid="diff-edges">
              {t('flowDiff.edges', { added: edgeCount('added'), changed: edgeCount('changed'), removed: edgeCount('removed') })}
            </Typography.Paragraph>
          )}
          {diff.other.length > 0 && (
            <Typography.Paragraph data-testid="diff-other">
              {t('flowDiff.other')} {diff.other.map((k) => t(`flowDiff.parts.${k}`, { defaultValue: k })).join('、')}
            </Typography.Paragraph>
          )}
          {diff.nodes.removed.length > 0 && <Typography.Paragraph type="secondary">{t('flowDiff.removedHint')}</Typography.Paragraph>}
        </>
      )}
    </div>
  );
}
