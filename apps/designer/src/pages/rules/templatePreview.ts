import { triggerRuleSchema, type BusinessEvent, type TriggerRuleInput } from '@zhishou/flow-schema';
import { renderActions, type RenderedAction } from '@zhishou/rules';

/** A made-up event of the rule's type, so ops see their template filled in before anything is sent. */
export function sampleEvent(type: string, now = Date.now()): BusinessEvent {
  return {
    eventId: 'preview-1',
    type,
    occurredAt: new Date(now).toISOString(),
    subject: { orderId: 'O20261125001', buyerId: 'buyer_1001', sellerId: 'seller_2002', itemId: 'item_3003', conversationId: 'conv_4004' },
    data: { price: 199, title: '九成新 AirPods Pro', city: '杭州' },
  };
}

/** Renders the rule's actions with the shared renderer, or null while the rule is not valid yet. */
export function previewActions(rule: TriggerRuleInput, now = Date.now()): RenderedAction[] | null {
  const parsed = triggerRuleSchema.safeParse(rule);
  if (!parsed.success) return null;
  try {
    return renderActions(parsed.data, { trigger: sampleEvent(parsed.data.on, now), laterEvents: [], slots: { price: 180 }, http: {}, now });
  } catch {
    return null;
  }
}
