import { Alert, Card, Descriptions, Empty, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeApiError } from '../../api/client';
import { useAsync } from '../../hooks/useAsync';
import type { Handoff } from '@zhishou/flow-schema';
import { fetchConversation } from '../../api/inbox';
import { fetchSandboxOrder } from '../../api/sandbox';
import { orderIdFrom, slotText } from './handoffContext';

/** Beside the transcript: the slots the bot collected and, when one names an order, that order. */
export function HandoffContext({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const context = useAsync(() => fetchConversation(api, handoff.botKey, handoff.externalId), [handoff.botKey, handoff.externalId]);
  const orderId = context.data ? orderIdFrom(context.data.slots) : null;
  const order = useAsync(async () => (orderId ? fetchSandboxOrder(api, orderId) : undefined), [orderId]);

  if (context.loading && !context.data) return <Spin />;
  if (context.error !== undefined) return <Alert type="warning" showIcon title={t('inboxContext.loadFailed', { reason: describeApiError(context.error, t) })} />;
  const data = context.data;
  if (!data) return null;
  const slots = Object.entries(data.slots);

  return (
    <div data-testid="handoff-context">
      <Card size="small" title={t('inboxContext.order')} style={{ marginBottom: 12 }} data-testid="handoff-order">
        {!orderId ? (
          <Typography.Text type="secondary">{t('inboxContext.noOrder')}</Typography.Text>
        ) : order.loading && !order.data ? (
          <Spin size="small" />
        ) : order.error !== undefined ? (
          <Alert type="warning" showIcon title={describeApiError(order.error, t)} />
        ) : order.data ? (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('inboxContext.orderId')}>
              {order.data.orderId} <Tag>{t('inboxContext.sandbox')}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('inboxContext.status')}>
              <Tag color={order.data.status === 'delivered' ? 'green' : order.data.status === 'shipped' ? 'blue' : 'orange'}>{t(`inboxContext.orderStatus.${order.data.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('inboxContext.item')}>{order.data.item}</Descriptions.Item>
            <Descriptions.Item label={t('inboxContext.price')}>¥{order.data.price.toFixed(2)}</Descriptions.Item>
            <Descriptions.Item label={t('inboxContext.paidAt')}>{new Date(order.data.paidAt).toLocaleString()}</Descriptions.Item>
            <Descriptions.Item label={t('inboxContext.shipping')}>
              {order.data.carrier ? `${order.data.carrier} ${order.data.trackingNo ?? ''}` : t('inboxContext.notShipped')}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('inboxContext.orderNotFound', { id: orderId })}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('inboxContext.slots')} data-testid="handoff-slots">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('inboxContext.where', { flow: data.flowKey ?? '–', version: data.flowVersion ?? '–', node: data.node ?? '–' })}
        </Typography.Paragraph>
        {slots.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inboxContext.noSlots')} />
        ) : (
          <Descriptions size="small" column={1} bordered>
            {slots.map(([key, value]) => (
              <Descriptions.Item key={key} label={key}>
                <span data-testid={`handoff-slot-${key}`}>{slotText(value)}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
    </div>
  );
}
