import { describe, expect, it } from 'vitest';
import { previewActions } from './templatePreview';

describe('template preview', () => {
  it('fills a message template from a sample event', () => {
    const actions = previewActions({ id: 'r', name: 'r', on: 'order.paid', actions: [{ type: 'send_message', to: 'seller', template: '订单 {{event.subject.orderId}} 请发货（{{event.data.title}}）' }] });
    expect(actions?.[0]).toMatchObject({ type: 'send_message', to: 'seller', text: '订单 O20261125001 请发货（九成新 AirPods Pro）' });
  });

  it('gives no preview for a rule that is not valid yet', () => {
    expect(previewActions({ id: 'r', name: '', on: 'order.paid', actions: [] })).toBeNull();
  });
});
