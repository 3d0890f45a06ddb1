#!/usr/bin/env tsx
/**
 * npm run bench:engine — in-process cost of one engine turn (step) over the demo bot, NLU results
 * precomputed, with the real condition evaluator and an in-memory HTTP port. Printed beside a
 * same-run baseline: deep-copying and serialising the conversation state (what any persisted turn
 * costs at least).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConversationState, Flow, TurnInput } from '@zhishou/flow-schema';
import { nluDataSchema, parseFlow } from '@zhishou/flow-schema';
import { step } from '@zhishou/engine';
import { createBaselineNlu } from '@zhishou/nlu';
import { fakeHttp, flowResolver, testPorts } from '@zhishou/testing';

const root = join(fileURLToPath(import.meta.url), '../..');
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 2000);
const botDir = join(root, 'flows', 'xianyu');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function loadFlows(): Flow[] {
  const manifest = readJson(join(botDir, 'bot.json')) as { flows: { key: string; file: string }[] };
  return manifest.flows.map((entry) => {
    const parsed = parseFlow(readJson(join(botDir, entry.file)));
    if (!parsed.ok) throw new Error(`${entry.file}: invalid`);
    return parsed.flow;
  });
}

const SCRIPT = ['你好', '这个还在吗', '包邮吗', '能便宜点吗', '100', '120呢', '什么时候发货', '我的快递到哪了', 'XY20261125000123', '谢谢', '再见'];

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function measure(name: string, turn: (state: ConversationState | null, input: TurnInput) => Promise<ConversationState>, inputs: TurnInput[]): Promise<void> {
  const total = CONVERSATIONS * inputs.length;
  const times = new Float64Array(total);
  let index = 0;
  const started = performance.now();
  for (let c = 0; c < CONVERSATIONS; c++) {
    let state: ConversationState | null = null;
    for (const input of inputs) {
      const t0 = performance.now();
      state = await turn(state, input);
      times[index++] = performance.now() - t0;
    }
  }
  const elapsed = performance.now() - started;
  times.sort();
  console.log(`${name.padEnd(44)} ${Math.round((total / elapsed) * 1000).toString().padStart(8)} turns/s   p50 ${percentile(times, 50).toFixed(3)} ms   p99 ${percentile(times, 99).toFixed(3)} ms`);
}

async function main(): Promise<void> {
  const flows = loadFlows();
  const main = flows.find((flow) => flow.key === 'main') as Flow;
  const nlu = createBaselineNlu(nluDataSchema.parse(readJson(join(botDir, 'nlu.json'))));
  const inputs: TurnInput[] = SCRIPT.map((text) => ({ type: 'message', text, nlu: nlu.analyze(text) }));
  const order = { status: 200, body: { orderId: 'XY20261125000123', status: 'shipped', item: '耳机', carrier: '顺丰速运', trackingNo: 'SF1' } };
  const ports = testPorts({ http: fakeHttp({ 'GET /sandbox/orders/XY20261125000123': order }), flows: flowResolver(flows) });
  const now = Date.now();
  console.log(`engine step over the demo bot: ${CONVERSATIONS} conversations × ${inputs.length} turns, node ${process.version}`);
  // Warm-up so both measurements run on optimised code.
  for (let i = 0; i < 200; i++) {
    let state: ConversationState | null = null;
    for (const input of inputs) state = (await step(main, state, input, ports, { now })).state;
  }
  let template: ConversationState | null = null;
  for (const input of inputs.slice(0, 5)) template = (await step(main, template, input, ports, { now })).state;
  await measure('baseline: clone + serialise the state', async () => {
    const copy = structuredClone(template as ConversationState);
    JSON.stringify(copy);
    return copy;
  }, inputs);
  await measure('step() (engine + conditions, NLU precomputed)', async (state, input) => (await step(main, state, input, ports, { now })).state, inputs);
}

await main();
