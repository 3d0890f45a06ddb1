import type { ModelMetrics } from '@zhishou/flow-schema';
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { topConfusions, weakestFirst } from './modelStats';

type Confusion = NonNullable<ModelMetrics['intent']['confusion']>;
const fmt = (v: number) => v.toFixed(1);

/** One model version's evaluation: summary, per-intent P/R/F1, confusion matrix, worst examples, slots, emotion. */
export function ModelReportView({ metrics }: { metrics: ModelMetrics }) {
  const { t } = useTranslation();
  const { intent, slots, emotion } = metrics;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="model-report">
      <Descriptions size="small" bordered column={3}>
        <Descriptions.Item label={t('models.intentAccuracy')}>{fmt(intent.accuracy)}%</Descriptions.Item>
        <Descriptions.Item label={t('models.macroF1')}>{fmt(intent.macro_f1)}%</Descriptions.Item>
        <Descriptions.Item label={t('models.testSize')}>{intent.test_size}</Descriptions.Item>
        <Descriptions.Item label={t('models.slotF1')}>{fmt(slots.f1)}%</Descriptions.Item>
        <Descriptions.Item label={t('models.emotionAccuracy')}>{fmt(emotion.accuracy)}%</Descriptions.Item>
        <Descriptions.Item label={t('models.trainSeconds')}>{metrics.train_seconds} s</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('models.perIntent')}>
        <Table
          rowKey="label"
          size="small"
          data-testid="per-intent"
          dataSource={weakestFirst(metrics)}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          columns={[
            { title: t('models.intent'), dataIndex: 'label' },
            { title: 'P', dataIndex: 'precision', render: fmt },
            { title: 'R', dataIndex: 'recall', render: fmt },
            { title: 'F1', dataIndex: 'f1', render: (f: number) => <Typography.Text type={f < 80 ? 'danger' : undefined}>{fmt(f)}</Typography.Text> },
            { title: t('models.support'), dataIndex: 'support' },
          ]}
        />
      </Card>
      <Card size="small" title={t('models.confusion')}>
        {intent.confusion ? (
          <>
            <Space wrap style={{ marginBottom: 8 }}>
              {topConfusions(intent.confusion).map((c) => (
                <Tag key={`${c.gold}-${c.predicted}`} color="red">
                  {t('models.confusedAs', { gold: c.gold, predicted: c.predicted, count: c.count })}
                </Tag>
              ))}
            </Space>
            <ConfusionMatrix confusion={intent.confusion} />
          </>
        ) : (
          <Empty description={t('models.noReport')} />
        )}
      </Card>
      <Card size="small" title={t('models.worst')}>
        <Table
          rowKey={(w, i) => `${w.text}-${i}`}
          size="small"
          data-testid="worst-examples"
          dataSource={intent.worst}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('models.noWorst') }}
          columns={[
            { title: t('models.text'), dataIndex: 'text' },
            { title: t('models.expected'), dataIndex: 'gold' },
            { title: t('models.predicted'), dataIndex: 'predicted', render: (p: string) => <Typography.Text type="danger">{p}</Typography.Text> },
            { title: t('models.confidence'), dataIndex: 'confidence', render: (c: number) => (c <= 1 ? c.toFixed(2) : fmt(c)) },
          ]}
        />
      </Card>
      <Card size="small" title={t('models.slotTypes')}>
        <Table
          rowKey="type"
          size="small"
          dataSource={slots.per_type}
          pagination={false}
          columns={[
            { title: t('models.slotType'), dataIndex: 'type' },
            { title: 'P', dataIndex: 'precision', render: fmt },
            { title: 'R', dataIndex: 'recall', render: fmt },
            { title: 'F1', dataIndex: 'f1', render: fmt },
            { title: t('models.support'), dataIndex: 'support' },
          ]}
        />
      </Card>
      <Card size="small" title={t('models.emotionRecall')}>
        <Space wrap>
          {Object.entries(emotion.recall).map(([label, recall]) => (
            <Tag key={label}>
              {t(`testChat.emotions.${label}`, { defaultValue: label })} {fmt(recall)}%
            </Tag>
          ))}
        </Space>
      </Card>
    </Space>
  );
}

/** Rows are the true intent, columns the predicted one; the diagonal is right, the rest is confusion. */
function ConfusionMatrix({ confusion }: { confusion: Confusion }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...confusion.matrix.flat());
  return (
    <div style={{ overflow: 'auto', maxHeight: 520 }}>
      <table style={{ borderCollapse: 'collapse', fontSize: 11 }} aria-label={t('models.confusion')} data-testid="confusion-matrix">
        <thead>
          <tr>
            <th style={{ padding: 2 }}>{t('models.trueVsPredicted')}</th>
            {confusion.labels.map((l) => (
              <th key={l} style={{ padding: 2, writingMode: 'vertical-rl', fontWeight: 'normal' }}>
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.matrix.map((row, i) => (
            <tr key={confusion.labels[i] ?? i}>
              <th style={{ padding: 2, textAlign: 'right', fontWeight: 'normal', whiteSpace: 'nowrap' }}>{confusion.labels[i]}</th>
              {row.map((count, j) => {
                const alpha = count === 0 ? 0 : 0.15 + (0.85 * count) / max;
                const color = i === j ? `rgba(82,196,26,${alpha})` : `rgba(245,34,45,${alpha})`;
                return (
                  <td key={j} title={`${confusion.labels[i]} → ${confusion.labels[j]}: ${count}`} style={{ width: 22, height: 22, textAlign: 'center', background: color, border: '1px solid #f0f0f0' }}>
                    {count || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
