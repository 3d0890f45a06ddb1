import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RuleSetInput } from '@zhishou/flow-schema';
import { verifySignature } from '../../src/modules/triggers/outbound/signature';
import type { TestApp } from '../support';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

/** The demo rule set with its delays shortened (48h → 2s, 7d → 3s, 2h → 1s) for real-time tests. */
export function demoRuleSet(delays: Record<string, string> = { '48h': '2s', '7d': '3s', '2h': '1s' }): RuleSetInput {
  const doc = JSON.parse(readFileSync(new URL('../../../../flows/xianyu/rules/proactive.json', import.meta.url), 'utf8')) as RuleSetInput;
  for (const rule of doc.rules) if (typeof rule.after === 'string' && delays[rule.after]) rule.after = delays[rule.after];
  // The demo's scenarios are written for its real delays (a shipment 23 h after payment cancels the 48 h reminder).
  if (Object.keys(delays).length > 0) doc.scenarios = [];
  return doc;
}

export interface Received {
  path: string;
  body: Record<string, unknown>;
  delivery: string;
  signatureValid: boolean;
}

/** A local HTTP receiver standing in for the marketplace chat service; `/fail…` paths answer 500. */
export async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => resolve(text));
    });
  const server: Server = createServer((req, res) => {
    void read(req).then((text) => {
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      received.push({
        path: req.url ?? '',
        body: JSON.parse(text || '{}') as Record<string, unknown>,
        delivery: header('x-zhishou-delivery') ?? '',
        signatureValid: verifySignature(WEBHOOK_SECRET, { timestamp: header('x-zhishou-timestamp'), signature: header('x-zhishou-signature') }, text, Date.now() / 1000),
      });
      res.statusCode = (req.url ?? '').startsWith('/fail') ? 500 : 200;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function outboundEnv(receiverUrl: string): Record<string, string> {
  return {
    OUTBOUND_WEBHOOK_URL: `${receiverUrl}/chat`,
    OUTBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET,
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    TRIGGER_DELIVERY_ATTEMPTS: '3',
    TRIGGER_DELIVERY_BACKOFF_MS: '200',
  };
}

export function must<T>(res: { status: number; body: T }, status: number): T {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates the bot and an API key; publishes `ruleSet` as v1 and makes it live. Returns the API key. */
export async function setupRulesBot(t: TestApp, bot: string, ruleSet: RuleSetInput): Promise<string> {
  must(await t.post('/v1/bots', { key: bot, name: bot }), 201);
  must(await t.post(`/v1/bots/${bot}/rulesets`, { document: ruleSet }), 201);
  must(await t.post(`/v1/bots/${bot}/rulesets/${ruleSet.key}/publish`, { note: 'v1' }), 201);
  must(await t.put(`/v1/bots/${bot}/rulesets/${ruleSet.key}/live`, { version: 1 }), 200);
  return must(await t.post<{ key: string }>(`/v1/bots/${bot}/api-keys`, { name: 'events' }), 201).key;
}

let seq = 0;
export function event(type: string, subject: Record<string, string>, options: { at?: number; id?: string; data?: Record<string, unknown> } = {}) {
  return { eventId: options.id ?? `ev-${Date.now()}-${++seq}`, type, occurredAt: new Date(options.at ?? Date.now()).toISOString(), subject, data: options.data ?? {} };
}

export interface FireView {
  jobId: string;
  ruleId: string;
  outcome: string;
  reason: string | null;
  error: string | null;
  eventId: string;
  scheduledVersion: number | null;
  firedVersion: number | null;
  actions: { type: string; text?: string }[] | null;
  latenessMs: number | null;
}

export async function fires(t: TestApp, bot: string): Promise<FireView[]> {
  return must(await t.get<{ fires: FireView[] }>(`/v1/bots/${bot}/rules/fires?limit=500`), 200).fires;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
