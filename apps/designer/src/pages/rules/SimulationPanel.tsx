import { SUBJECT_KEYS, type RuleSetInput } from '@zhishou/flow-schema';
import { simulate, type SimulationEntry } from '@zhishou/rules';
import { Alert, AutoComplete, Button, Card, Empty, Input, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildTimeline, eventTypeOptions, type TimelineRow } from './ruleEdits';

const KIND_COLORS: Record<SimulationEntry['kind'], string> = {
  scheduled: 'blue', duplicate: 'default', ignored: 'default', cancelled: 'orange', fired: 'green', skipped: 'gold', failed: 'red', pending: 'purple',
};

/** "+2d 3h" from the start of the timeline: ops think in delays, not timestamps. */
export function formatOffset(ms: number): string {
  if (ms <= 0) return '+0';
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return `+${[d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || `${Math.round(ms / 1000)}s`}`;
}

function defaultRows(ruleSet: RuleSetInput): TimelineRow[] {
  const first = ruleSet.rules[0];
  return [{ type: first?.on ?? 'order.paid', offset: '0', subject: { orderId: 'O1001', buyerId: 'buyer_1', sellerId: 'seller_1' }, data: '' }];
}

/**
 * What would fire when, for a timeline of sample events — computed in the browser by the same pure
 * simulator the rules engine uses; nothing is scheduled or sent.
 */
export function SimulationPanel({ ruleSet }: { ruleSet: RuleSetInput }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<TimelineRow[]>(() => defaultRows(ruleSet));
  const [result, setResult] = useState<{ start: number; entries: SimulationEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const events = eventTypeOptions(ruleSet).map((value) => ({ value }));
  const names = new Map(ruleSet.rules.map((r) => [r.id, r.name]));
  const patch = (index: number, p: Partial<TimelineRow>) => setRows((all) => all.map((r, i) => (i === index ? { ...r, ...p } : r)));

  async function run() {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const { events: timeline, problems } = buildTimeline(rows, start);
    if (problems.length > 0) {
      setResult(null);
      setError(problems.map((p) => t(`rules.sim.problems.${p.field}`, { row: p.row + 1 })).join('；'));
      return;
    }
    try {
      const { entries } = await simulate(ruleSet, timeline, { bot: 'simulation' });
      setError(null);
      setResult({ start, entries });
    } catch (cause) {
      setResult(null);
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary">{t('rules.sim.help')}</Typography.Paragraph>
      <Table<TimelineRow & { index: number }>
        size="small"
        pagination={false}
        rowKey="index"
        data-testid="sim-rows"
        dataSource={rows.map((r, index) => ({ ...r, index }))}
        columns={[
          {
            title: t('rules.sim.offset'),
            key: 'offset',
            width: 110,
            render: (_: unknown, r) => <Input aria-label={t('rules.sim.offset')} size="small" value={r.offset} placeholder="48h" onChange={(e) => patch(r.index, { offset: e.target.value })} />,
          },
          {
            title: t('rules.sim.event'),
            key: 'type',
            width: 200,
            render: (_: unknown, r) => <AutoComplete aria-label={t('rules.sim.event')} size="small" style={{ width: '100%' }} options={events} value={r.type} onChange={(type: string) => patch(r.index, { type })} />,
          },
          ...SUBJECT_KEYS.slice(0, 4).map((key) => ({
            title: key,
            key,
            render: (_: unknown, r: TimelineRow & { index: number }) => (
              <Input size="small" value={r.subject[key] ?? ''} onChange={(e) => patch(r.index, { subject: { ...r.subject, [key]: e.target.value } })} />
            ),
          })),
          {
            title: t('rules.sim.data'),
            key: 'data',
            render: (_: unknown, r) => <Input aria-label={t('rules.sim.data')} size="small" value={r.data} placeholder='{"price": 100}' onChange={(e) => patch(r.index, { data: e.target.value })} />,
          },
          {
            key: 'remove',
            width: 60,
            render: (_: unknown, r) => (
              <Button size="small" type="link" danger onClick={() => setRows((all) => all.filter((_, i) => i !== r.index))}>
                {t('common.remove')}
              </Button>
            ),
          },
        ]}
      />
      <Space>
        <Button onClick={() => setRows((all) => [...all, { ...(all[all.length - 1] ?? defaultRows(ruleSet)[0]!), offset: '1h', data: '' }])}>{t('rules.sim.addEvent')}</Button>
        <Button type="primary" data-testid="sim-run" onClick={() => void run()}>
          {t('rules.sim.run')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {result && (
        <Card size="small" title={t('rules.sim.result')} data-testid="sim-result">
          {result.entries.length === 0 ? (
            <Empty description={t('rules.sim.nothing')} />
          ) : (
            <Timeline
              items={result.entries.map((e, i) => ({
                key: i,
                color: KIND_COLORS[e.kind],
                children: (
                  <Space direction="vertical" size={0} data-testid="sim-entry">
                    <Space wrap>
                      <Typography.Text code>{formatOffset(Date.parse(e.at) - result.start)}</Typography.Text>
                      <Tag color={KIND_COLORS[e.kind]}>{t(`rules.sim.kinds.${e.kind}`)}</Tag>
                      <Typography.Text strong>{names.get(e.ruleId) || e.ruleId}</Typography.Text>
                      <Typography.Text type="secondary">{e.eventId}</Typography.Text>
                      {e.dueAt && e.kind !== 'fired' && <Typography.Text type="secondary">{t('rules.sim.due', { at: formatOffset(Date.parse(e.dueAt) - result.start) })}</Typography.Text>}
                    </Space>
                    {e.reason && <Typography.Text type="secondary">{t(`rules.sim.reasons.${e.reason}`, { defaultValue: e.reason })}{e.byEventId ? ` (${e.byEventId})` : ''}</Typography.Text>}
                    {(e.actions ?? []).map((a, j) => (
                      <Typography.Text key={j}>
                        {a.type === 'send_message' ? `→ ${t(`rules.recipients.${a.to}`)}：${a.text}` : a.type === 'start_flow' ? `→ ${t('rules.actionTypes.start_flow')} ${a.flow}` : `→ ${a.url}`}
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              }))}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
