import { fakeHttp, flowBuilder, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

function orderFlow(retries = 0, extraHeaders: Record<string, string> = {}) {
  return flowBuilder()
    .slot('order_id', 'order_id')
    .slot('note')
    .start()
    .ask('id', 'order_id', '订单号？')
    .http('lookup', {
      method: 'POST',
      url: '/sandbox/orders/{{slots.order_id}}?q={{slots.note}}',
      headers: { 'x-order': '{{slots.order_id}}', ...extraHeaders },
      body: '{"orderId":"{{slots.order_id}}","note":"{{slots.note}}"}',
      retries,
      saveAs: 'order',
    })
    .end('found', { message: ['状态：{{vars.order.body.status}}（{{vars.order.status}}）'] })
    .end('failed', { message: ['查询失败（{{vars.order.status}}）'] })
    .chain('start', 'id', 'lookup', 'found')
    .edge('id', 'failed', { handle: 'fail' })
    .edge('lookup', 'failed', { handle: 'error' })
    .build();
}
const orderMessage = (id: string) => messageInput(`订单${id}`, 'logistics_query', { slots: [{ type: 'order_id', value: id }] });

describe('http node', () => {
  it('renders URL, headers and a JSON-escaped body, and saves { status, body }', async () => {
    const http = fakeHttp({ 'POST /sandbox/orders/A1?q=': { status: 200, body: { status: '运输中' } } });
    const [result] = await converse(orderFlow(), testPorts({ http }), [orderMessage('A1')]);
    expect(texts(result!)).toEqual(['状态：运输中（200）']);
    expect(http.requests).toEqual([
      {
        method: 'POST',
        url: '/sandbox/orders/A1?q=',
        headers: { 'x-order': 'A1', 'content-type': 'application/json' },
        body: '{"orderId":"A1","note":""}',
        timeoutMs: 3000,
      },
    ]);
  });

  it('traces what it sent and received, for the test chat', async () => {
    const http = fakeHttp({ 'POST /sandbox/orders/A1?q=': { status: 200, body: { status: '运输中' } } });
    const [result] = await converse(orderFlow(), testPorts({ http }), [orderMessage('A1')]);
    const entry = result!.trace.find((t) => t.nodeId === 'lookup' && t.http);
    expect(entry?.http).toEqual({ request: { method: 'POST', url: '/sandbox/orders/A1?q=' }, response: { status: 200, body: { status: '运输中' } } });
    const failed = await converse(orderFlow(), testPorts({ http: fakeHttp({}) }), [orderMessage('B2')]);
    expect(failed[0]!.trace.find((t) => t.nodeId === 'lookup' && t.http)?.http?.response?.status).toBe(404);
  });

  it('cannot be steered by a value: URL parts are encoded and body values escaped', async () => {
    const http = fakeHttp();
    await converse(orderFlow(), testPorts({ http }), [orderMessage('../admin"}, "x":"1')]);
    expect(http.requests[0]?.url).toBe('/sandbox/orders/..%2Fadmin%22%7D%2C%20%22x%22%3A%221?q=');
    expect(JSON.parse(http.requests[0]?.body ?? '')).toEqual({ orderId: '../admin"}, "x":"1', note: '' });
  });

  it('leaves by error on a non-2xx answer, keeping the status for the reply', async () => {
    const [result] = await converse(orderFlow(), testPorts({ http: fakeHttp() }), [orderMessage('NOPE')]);
    expect(texts(result!)).toEqual(['查询失败（404）']);
    expect(result!.state.vars.order).toEqual({ status: 404, body: { error: 'not_found' } });
    expect(result!.trace).toContainEqual(expect.objectContaining({ nodeId: 'lookup', event: 'error', detail: 'POST /sandbox/orders/NOPE?q= → 404' }));
  });

  it('retries network errors and 5xx, then succeeds', async () => {
    const http = fakeHttp({ 'POST /sandbox/orders/A1?q=': [new Error('ECONNRESET'), { status: 503, body: null }, { status: 200, body: { status: '已签收' } }] });
    const [result] = await converse(orderFlow(2, { 'Idempotency-Key': 'lookup-{{slots.order_id}}' }), testPorts({ http }), [orderMessage('A1')]);
    expect(texts(result!)).toEqual(['状态：已签收（200）']);
    expect(http.requests.map((r) => r.attempt ?? 0)).toEqual([0, 1, 2]);
  });

  it('never repeats a POST without an Idempotency-Key (it could act twice)', async () => {
    const http = fakeHttp({ 'POST /sandbox/orders/A1?q=': [{ status: 503, body: null }, { status: 200, body: { status: '已签收' } }] });
    const [result] = await converse(orderFlow(3), testPorts({ http }), [orderMessage('A1')]);
    expect(http.requests).toHaveLength(1);
    expect(texts(result!)).toEqual(['查询失败（503）']);
  });

  it('takes error after the last retry fails', async () => {
    const http = fakeHttp({ 'POST /sandbox/orders/A1?q=': new Error('timeout') });
    const [result] = await converse(orderFlow(1, { 'idempotency-key': 'k-{{slots.order_id}}' }), testPorts({ http }), [orderMessage('A1')]);
    expect(http.requests).toHaveLength(2);
    expect(texts(result!)).toEqual(['查询失败（0）']);
    expect(result!.trace).toContainEqual(expect.objectContaining({ event: 'error', detail: 'POST /sandbox/orders/A1?q= → failed (timeout)' }));
  });
});
