import { Alert, Card, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAsync } from '../../hooks/useAsync';
import { modelsApi, type ClassRow, type ModelReport, type WorstExample } from './modelsApi';

const models = modelsApi(api);
const fmt = (v: number) => (v <= 1 ? (v * 100).toFixed(1) : v.toFixed(1));

/** One model version's evaluation: per-intent P/R/F1, the confusion matrix, the worst examples. */
export function ModelReportView({ bot, version }: { bot: string; version: string }) {
  const { t } = useTranslation();
  const detail = useAsync(() => models.get(bot, version), [bot, version]);
  if (detail.error !== undefined) return <Alert type="error" showIcon message={t('models.loadFailed')} />;
  if (!detail.data) return <Card loading />;
  const { report } = detail.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={t('models.perIntent')}>
        <Table<ClassRow>
          rowKey="label"
          size="small"
          dataSource={[...report.perIntent].sort((a, b) => a.f1 - b.f1)}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          locale={{ emptyText: t('models.noReport') }}
          columns={[
            { title: t('models.intent'), dataIndex: 'label' },
            { title: 'P', dataIndex: 'precision', render: fmt },
            { title: 'R', dataIndex: 'recall', render: fmt },
            { title: 'F1', dataIndex: 'f1', render: fmt },
            { title: t('models.support'), dataIndex: 'support' },
          ]}
        />
      </Card>
      <Card size="small" title={t('models.confusion')}>
        {report.confusion ? <ConfusionMatrix confusion={report.confusion} /> : <Empty description={t('models.noReport')} />}
      </Card>
      <Card size="small" title={t('models.worst')}>
        <Table<WorstExample>
          rowKey={(w, i) => `${w.text}-${i}`}
          size="small"
          dataSource={report.worst}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('models.noWorst') }}
          columns={[
            { title: t('models.text'), dataIndex: 'text' },
            { title: t('models.expected'), dataIndex: 'expected' },
            { title: t('models.predicted'), dataIndex: 'predicted', render: (p: string) => <Typography.Text type="danger">{p}</Typography.Text> },
            { title: t('models.confidence'), dataIndex: 'confidence', render: (c: number | null) => (c === null ? '—' : c.toFixed(2)) },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Rows are the true intent, columns the predicted one; the diagonal is right, the rest is confusion. */
function ConfusionMatrix({ confusion }: { confusion: NonNullable<ModelReport['confusion']> }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...confusion.matrix.flat());
  return (
    <div style={{ overflow: 'auto', maxHeight: 480 }}>
      <table style={{ borderCollapse: 'collapse', fontSize: 11 }} aria-label={t('models.confusion')}>
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
              <th style={{ padding: 2, textAlign: 'right', fontWeight: 'normal' }}>{confusion.labels[i]}</th>
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
