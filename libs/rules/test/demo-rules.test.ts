import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationEntry } from '../src/index';

/** Scenario tests of the demo bot's three trigger rules, replayed on a virtual clock. */
const ruleSet: unknown = JSON.parse(readFileSync(new URL('../../../flows/xianyu/rules/proactive.json', import.meta.url), 'utf8'));

const T0 = Date.parse('2026-11-01T08:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const order = { orderId: 'o-1001', buyerId: 'b-7', sellerId: 's-3', itemId: 'i-55', conversationId: 'c-9' };
let seq = 0;
const ev = (type: string, hours: number, subject: Record<string, string> = order, data: Record<string, unknown> = {}) => ({
  eventId: `e${++seq}`,
  type,
  occurredAt: at(hours),
  subject,
  data,
});
const summary = (entries: SimulationEntry[]) => entries.map((e) => `${e.kind}:${e.ruleId}@${(Date.parse(e.at) - T0) / HOUR}h${e.reason ? `(${e.reason})` : ''}`);

describe('demo rule: unshipped 48h → remind seller', () => {
  it('reminds the seller 48h after payment when nothing shipped', async () => {
    const { entries } = await simulate(ruleSet, [ev('order.paid', 0)]);
    expect(summary(entries)).toEqual(['scheduled:unshipped-48h@0h', 'fired:unshipped-48h@48h']);
    expect(entries[1]?.actions).toEqual([
      { type: 'send_message', to: 'seller', recipientId: 's-3', conversationId: 'c-9', text: '【发货提醒】订单 o-1001 的买家已付款48小时，还没有发货哦，请尽快发货～' },
    ]);
  });

  it('is cancelled when the order ships first, and only for that order', async () => {
    const other = { ...order, orderId: 'o-2002' };
    const { entries } = await simulate(ruleSet, [ev('order.paid', 0), ev('order.paid', 1, other), ev('order.shipped', 20)]);
    expect(summary(entries)).toEqual([
      'scheduled:unshipped-48h@0h',
      'scheduled:unshipped-48h@1h',
      'cancelled:unshipped-48h@20h(cancel_event)',
      'fired:unshipped-48h@49h',
    ]);
    expect(entries[3]?.actions?.[0]).toMatchObject({ text: expect.stringContaining('o-2002') });
  });

  it('collapses a duplicate payment event onto the pending trigger', async () => {
    const { entries } = await simulate(ruleSet, [ev('order.paid', 0), ev('order.paid', 0.5)]);
    expect(summary(entries)).toEqual(['scheduled:unshipped-48h@0h', 'duplicate:unshipped-48h@0.5h', 'fired:unshipped-48h@48h']);
  });

  it('a cancel at the due instant wins; `until` leaves later triggers pending', async () => {
    expect(summary((await simulate(ruleSet, [ev('order.paid', 0), ev('order.shipped', 48)])).entries)).toEqual([
      'scheduled:unshipped-48h@0h',
      'cancelled:unshipped-48h@48h(cancel_event)',
    ]);
    expect(summary((await simulate(ruleSet, [ev('order.paid', 0)], { until: at(24) })).entries)).toEqual(['scheduled:unshipped-48h@0h', 'pending:unshipped-48h@24h']);
  });
});

describe('demo rule: delivered 7d without confirmation → ask buyer', () => {
  it('asks the buyer after 7 days', async () => {
    const { entries } = await simulate(ruleSet, [ev('order.delivered', 0)]);
    expect(summary(entries)).toEqual(['scheduled:delivered-7d-unconfirmed@0h', 'fired:delivered-7d-unconfirmed@168h']);
    expect(entries[1]?.actions?.[0]).toMatchObject({ type: 'send_message', to: 'buyer', recipientId: 'b-7' });
  });

  it('does not ask when the buyer confirmed or asked for a refund', async () => {
    expect(summary((await simulate(ruleSet, [ev('order.delivered', 0), ev('order.confirmed', 30)])).entries)).toEqual([
      'scheduled:delivered-7d-unconfirmed@0h',
      'cancelled:delivered-7d-unconfirmed@30h(cancel_event)',
    ]);
    expect(summary((await simulate(ruleSet, [ev('order.delivered', 0), ev('order.refund_requested', 100)])).entries)).toEqual([
      'scheduled:delivered-7d-unconfirmed@0h',
      'cancelled:delivered-7d-unconfirmed@100h(cancel_event)',
    ]);
  });
});

describe('demo rule: enquiry without order in 2h → follow up', () => {
  const enquiry = { buyerId: 'b-7', itemId: 'i-55', sellerId: 's-3', conversationId: 'c-9' };

  it('follows up after 2h with the item title', async () => {
    const { entries } = await simulate(ruleSet, [ev('item.enquired', 0, enquiry, { itemTitle: 'iPhone 13 128G' })]);
    expect(summary(entries)).toEqual(['scheduled:enquiry-2h-no-order@0h', 'fired:enquiry-2h-no-order@2h']);
    expect(entries[1]?.actions?.[0]).toMatchObject({ to: 'buyer', text: '亲，刚才咨询的「iPhone 13 128G」还在哦，喜欢的话可以直接拍下，有问题随时问我～' });
  });

  it('is cancelled by an order of the same buyer for the same item, not by another buyer', async () => {
    const { entries } = await simulate(ruleSet, [
      ev('item.enquired', 0, enquiry),
      ev('order.created', 0.5, { ...order, buyerId: 'b-other' }),
      ev('order.created', 1, order),
    ]);
    expect(summary(entries)).toEqual(['scheduled:enquiry-2h-no-order@0h', 'cancelled:enquiry-2h-no-order@1h(cancel_event)']);
  });

  it('skips when the condition is false at fire time (item sold meanwhile is in the event data)', async () => {
    const { entries } = await simulate(ruleSet, [ev('item.enquired', 0, enquiry, { itemStatus: 'sold' })]);
    expect(summary(entries)).toEqual(['scheduled:enquiry-2h-no-order@0h', 'skipped:enquiry-2h-no-order@2h(condition_false)']);
  });

  it('ignores an enquiry whose subject lacks the buyer', async () => {
    const { entries } = await simulate(ruleSet, [ev('item.enquired', 0, { itemId: 'i-55' })]);
    expect(summary(entries)).toEqual(['ignored:enquiry-2h-no-order@0h(missing_subject)']);
  });
});
