import { modelListSchema, modelVersionSchema } from '@zhishou/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support';
import { INFERENCE, type InferencePort } from '../inference/inference.port';

interface VersionBody {
  number: number;
  status: string;
  origin: string;
  dataHash: string | null;
  metrics: { intent?: { accuracy: number; per_class: unknown[] }; slots?: { f1: number }; emotion?: { accuracy: number } } | null;
  progress: { stage: string; percent: number };
  active: boolean;
  error: string | null;
}
interface ListBody {
  active: number | null;
  versions: VersionBody[];
  history: { number: number; actor: string }[];
}

const nlu = {
  intents: [
    { key: 'bargain', name: '砍价', examples: ['还能便宜点吗', '最低多少钱', '100卖不卖', '便宜点呗老板', '能少点不', '刀一下可以吗', '给个最低价'] },
    { key: 'ask_ship_time', name: '发货时间', examples: ['什么时候发货', '几天能发货啊', '今天能发吗', '多久发货', '发货了吗亲', '明天发吗', '啥时候寄出'] },
    { key: 'return_refund', name: '退货退款', examples: ['我要退货', '怎么退款', '不想要了能退吗', '申请退款', '质量太差要退货', '钱什么时候退', '退货地址发我'] },
  ],
};

describe('NLU model registry (train job, versions, activate / roll back, serving)', () => {
  let t: TestApp;
  let inference: InferencePort;

  const seenStages = new Set<string>();
  async function waitReady(bot: string, number: number): Promise<VersionBody> {
    for (let i = 0; i < 600; i++) {
      const v = (await t.get<VersionBody>(`/v1/bots/${bot}/models/${number}`)).body;
      seenStages.add(v.progress.stage);
      if (v.status === 'ready' || v.status === 'failed') return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('training did not finish');
  }

  beforeAll(async () => {
    t = await createTestApp({ runWorker: true });
    expect((await t.post('/v1/bots', { key: 'mbot', name: '模型测试' })).status).toBe(201);
    expect((await t.put('/v1/bots/mbot/nlu', { document: nlu, revision: 0 })).status).toBe(200);
    expect((await t.post('/v1/bots/mbot/nlu/publish', { note: 'v1' })).status).toBe(201);
    inference = t.app.get<InferencePort>(INFERENCE);
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the baseline while no model version exists', async () => {
    const list = await t.get<ListBody>('/v1/bots/mbot/models');
    expect(list.body).toEqual({ active: null, versions: [], history: [], release: { live: null, canary: null } });
    expect((await inference.analyze('mbot', '还能便宜点吗')).model).toBe('baseline');
  });

  it('trains a version as a queue job with progress, metrics and a data hash; activation switches serving', async () => {
    const editor = await t.loginAs('editor');
    const queued = await t.post<VersionBody>('/v1/bots/mbot/models/train', { note: 'first' }, { token: editor });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ number: 1, status: 'queued', active: false });
    const ready = await waitReady('mbot', 1);
    expect(ready.status).toBe('ready');
    expect(() => modelVersionSchema.parse(ready)).not.toThrow();
    expect(ready.progress).toEqual({ stage: 'done', percent: 100 });
    // Training runs in a worker thread, so progress is written while it runs (seconds) and polls see it.
    expect([...seenStages].some((s) => ['loading', 'intent', 'slots', 'emotion', 'evaluate'].includes(s))).toBe(true);
    expect(ready.dataHash).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect(ready.metrics?.intent?.per_class.length).toBeGreaterThan(0);
    expect(ready.metrics?.slots?.f1).toBeGreaterThan(50);
    // Editors train, publishers activate.
    expect((await t.post('/v1/bots/mbot/models/1/activate', {}, { token: editor })).status).toBe(403);
    const activated = await t.post<VersionBody>('/v1/bots/mbot/models/1/activate', {});
    expect(activated.status).toBe(200);
    expect(activated.body.active).toBe(true);
    const r = await inference.analyze('mbot', '最低多少钱');
    expect(r.model).toBe('mbot@v1');
    // An exact example is reported as such (it overrides the model).
    expect(r.intent).toMatchObject({ intent: 'bargain', source: 'example' });
    const paraphrase = await inference.analyze('mbot', '能不能便宜点啊老板');
    expect(paraphrase.intents[0]!.source).toBe('model');
  });

  it('refuses to activate a corrupt version (409) and keeps serving the active one; rolls back', async () => {
    // Version 2: a copy of version 1 whose slot model bytes were damaged in storage.
    await t.dataSource.query(
      `INSERT INTO nlu_model_versions (bot_key, number, status, origin, intent_onnx, slots_onnx, emotion_onnx, created_by)
       SELECT bot_key, 2, 'ready', 'trained', intent_onnx, substring(slots_onnx from 1 for 200), emotion_onnx, 'test' FROM nlu_model_versions WHERE bot_key = 'mbot' AND number = 1`,
    );
    const bad = await t.post<{ error: string; message: string }>('/v1/bots/mbot/models/2/activate', {});
    expect(bad.status).toBe(409);
    expect(bad.body.error).toBe('model_invalid');
    expect(bad.body.message).toMatch(/cannot load mbot@v2\/slots model/);
    expect((await t.get<ListBody>('/v1/bots/mbot/models')).body.active).toBe(1);
    expect((await inference.analyze('mbot', '什么时候发货')).model).toBe('mbot@v1');

    // Version 3: an intact copy; activate it, then roll back to 1.
    await t.dataSource.query(
      `INSERT INTO nlu_model_versions (bot_key, number, status, origin, intent_onnx, slots_onnx, emotion_onnx, created_by)
       SELECT bot_key, 3, 'ready', 'trained', intent_onnx, slots_onnx, emotion_onnx, 'test' FROM nlu_model_versions WHERE bot_key = 'mbot' AND number = 1`,
    );
    expect((await t.post('/v1/bots/mbot/models/3/activate', {})).status).toBe(200);
    expect((await inference.analyze('mbot', '什么时候发货')).model).toBe('mbot@v3');
    expect((await t.post('/v1/bots/mbot/models/1/activate', {})).status).toBe(200);
    const list = (await t.get<ListBody>('/v1/bots/mbot/models')).body;
    expect(list.active).toBe(1);
    expect(list.history.map((h) => h.number)).toEqual([1, 3, 1]);
    expect(() => modelListSchema.parse(list)).not.toThrow();
    expect((await inference.analyze('mbot', '什么时候发货')).model).toBe('mbot@v1');
  });

  it('answers 404 for unknown versions and bots, 400 for a bad train body', async () => {
    expect((await t.get('/v1/bots/mbot/models/99')).status).toBe(404);
    expect((await t.get('/v1/bots/nobot/models')).status).toBe(404);
    expect((await t.post('/v1/bots/mbot/models/train', { note: 5 })).status).toBe(400);
  });

  it('registers the shipped models/xianyu files as version 1, active', async () => {
    if ((await t.get('/v1/bots/xianyu')).status === 404) expect((await t.post('/v1/bots', { key: 'xianyu', name: '闲鱼' })).status).toBe(201);
    const list = (await t.get<ListBody>('/v1/bots/xianyu/models')).body;
    expect(list.active).toBe(1);
    expect(list.versions[0]).toMatchObject({ number: 1, origin: 'shipped', status: 'ready', active: true });
    expect((await inference.analyze('xianyu', '在吗')).model).toBe('xianyu@v1');
  });
});
