import type { HttpRequest } from '@zhishou/flow-schema';
import { fakeHttp, flowBuilder, guards } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { recordedTurn } from './preview-recorder';
import { flowsReaching, recordedHttp, report } from './test-run';

const get = (url: string): HttpRequest => ({ method: 'GET', url, headers: {}, timeoutMs: 100 });

describe('flowsReaching', () => {
  const leaf = flowBuilder('leaf').start().build();
  const mid = flowBuilder('mid').start().subflow('call', 'leaf').chain('start', 'call').build();
  const main = flowBuilder('main').start().listen('menu').chain('start', 'menu').global('g', guards.intent('x'), { flow: 'mid' }).build();
  const other = flowBuilder('other').start().build();
  const flows = new Map([leaf, mid, main, other].map((f) => [f.key, f]));

  it('finds the flow itself and every flow that calls it, through subflow nodes and global transitions', () => {
    expect(flowsReaching('leaf', flows)).toEqual(['leaf', 'main', 'mid']);
    expect(flowsReaching('mid', flows)).toEqual(['main', 'mid']);
    expect(flowsReaching('other', flows)).toEqual(['other']);
  });
});

describe('recordedHttp', () => {
  it('answers recorded requests from the test case and passes the rest to the real adapter', async () => {
    const real = fakeHttp({ 'GET /sandbox/orders/2': { status: 200, body: { live: true } } });
    const http = recordedHttp({ 'GET /sandbox/orders/1': { status: 404, body: { error: 'not_found' } } }, real);
    await expect(http.request(get('/sandbox/orders/1'))).resolves.toEqual({ status: 404, body: { error: 'not_found' } });
    await expect(http.request(get('/sandbox/orders/2'))).resolves.toEqual({ status: 200, body: { live: true } });
    expect(real.requests.map((r) => r.url)).toEqual(['/sandbox/orders/2']);
    expect(recordedHttp(undefined, real)).toBe(real);
  });
});

describe('report and recorded turns', () => {
  it('counts failed cases', () => {
    const r = report([
      { id: 'a', name: 'a', flow: 'main', passed: true, turns: [], failures: [] },
      { id: 'b', name: 'b', flow: 'main', passed: false, turns: [], failures: ['x'] },
    ]);
    expect(r).toMatchObject({ passed: false, total: 2, failed: 1 });
    expect(report([])).toMatchObject({ passed: true, total: 0, failed: 0 });
  });

  it('pins what a preview turn answered; a fired timer becomes a pending-timer turn', () => {
    expect(recordedTurn({ text: '你好', replies: ['您好'], intent: 'greeting', node: 'menu', flow: 'main', status: 'waiting_input' })).toEqual({
      user: '你好',
      expect: { intent: 'greeting', replies: ['您好'], node: 'menu', flow: 'main', status: 'waiting_input' },
    });
    expect(recordedTurn({ timer: true, replies: ['还在吗'], intent: null, node: 'menu', flow: 'main', status: 'waiting_input' })).toEqual({
      timer: 'pending',
      expect: { replies: ['还在吗'], node: 'menu', flow: 'main', status: 'waiting_input' },
    });
  });
});
