import { describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache';
import type { ModelSource } from './model-source';
import { type ModelBundle, OnnxNluModels } from '../../infra/inference/onnx-nlu-models';
import { trainTinyBundle } from '../../infra/inference/test-bundle';

/** An in-memory registry: versions by id and one active pointer per bot. */
class MemorySource implements ModelSource {
  readonly versions = new Map<string, ModelBundle>();
  active: string | null = null;
  loads = 0;
  lookups = 0;
  /** Slow registry queries: each lookup reads the pointer at once, then answers when its gate (if any) opens. */
  readonly gates: Promise<void>[] = [];
  async activeVersion(): Promise<string | null> {
    this.lookups++;
    const value = this.active;
    const gate = this.gates.shift();
    if (gate) await gate;
    return value;
  }
  async load(_bot: string, version: string): Promise<ModelBundle> {
    this.loads++;
    const b = this.versions.get(version);
    if (!b) throw new Error(`no version ${version}`);
    return b;
  }
}

describe('ModelCache', () => {
  const good = trainTinyBundle();

  it('loads a version once and shares it across calls', async () => {
    const source = new MemorySource();
    source.versions.set('v1', good);
    source.active = 'v1';
    const cache = new ModelCache(source);
    const [a, b] = await Promise.all([cache.forBot('xianyu', 0), cache.forBot('other', 0)]);
    expect(a).toBe(b);
    expect(source.loads).toBe(1);
    const r = await a!.analyze('还能便宜点吗');
    expect(r.intents[0]!.label).toBe('bargain');
    await cache.close();
  });

  it('keeps serving the active version when a corrupt one is activated, and reports a clear error', async () => {
    const source = new MemorySource();
    const truncated = { ...good, slots: good.slots.slice(0, Math.floor(good.slots.length / 2)) };
    source.versions.set('v1', good);
    source.versions.set('v2-corrupt', truncated);
    source.active = 'v1';
    const errors: string[] = [];
    const cache = new ModelCache(source, (_bot, version, e) => errors.push(`${version}: ${e.message}`));
    const first = await cache.forBot('xianyu', 0);
    expect(first!.version).toBe('v1');
    source.active = 'v2-corrupt';
    const after = await cache.forBot('xianyu', 10_000);
    expect(after).toBe(first);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^v2-corrupt: cannot load v2-corrupt\/slots model/);
    // Not retried on every turn.
    await cache.forBot('xianyu', 13_000);
    expect(errors).toHaveLength(1);
    await cache.close();
  });

  it('rejects a bundle whose parts are swapped (mismatched model)', async () => {
    await expect(OnnxNluModels.load('v3', { ...good, intent: good.emotion })).rejects.toThrow(/cannot load v3\/intent model: expected a intent classifier, got emotion/);
  });

  it('shares one in-flight active-version lookup among concurrent requests when the check expires', async () => {
    const source = new MemorySource();
    source.versions.set('v1', good);
    source.active = 'v1';
    const cache = new ModelCache(source);
    await cache.forBot('xianyu', 0);
    expect(source.lookups).toBe(1);
    let open!: () => void;
    source.gates.push(new Promise((r) => (open = r)));
    const waiting = Array.from({ length: 64 }, () => cache.forBot('xianyu', 5_000));
    expect(source.lookups).toBe(2);
    open();
    const served = await Promise.all(waiting);
    expect(new Set(served.map((m) => m?.version))).toEqual(new Set(['v1']));
    // The shared answer is cached like any other; the next expiry starts exactly one new lookup.
    await cache.forBot('xianyu', 6_000);
    expect(source.lookups).toBe(2);
    await Promise.all([cache.forBot('xianyu', 8_000), cache.forBot('xianyu', 8_000)]);
    expect(source.lookups).toBe(3);
    await cache.close();
  });

  it('does not let a lookup that started before an invalidation answer requests after it', async () => {
    const source = new MemorySource();
    source.versions.set('v1', good);
    source.versions.set('v2', good);
    source.active = 'v1';
    const cache = new ModelCache(source);
    await cache.forBot('xianyu', 0);
    const gate = () => {
      let open!: () => void;
      source.gates.push(new Promise((r) => (open = r)));
      return open;
    };
    const openBefore = gate();
    const openAfter = gate();
    const before = cache.forBot('xianyu', 5_000); // reads v1, answers late
    source.active = 'v2';
    cache.invalidate('xianyu');
    const after = cache.forBot('xianyu', 5_001);
    expect(source.lookups).toBe(3); // a new lookup, not the one in flight
    openAfter();
    expect((await after)?.version).toBe('v2');
    openBefore();
    expect((await before)?.version).toBe('v1');
    // The pre-invalidation lookup did not overwrite the fresh answer.
    expect((await cache.forBot('xianyu', 5_100))?.version).toBe('v2');
    expect(source.lookups).toBe(3);
    await cache.close();
  });

  it('falls back to no model (baseline) when nothing is active', async () => {
    const cache = new ModelCache(new MemorySource());
    expect(await cache.forBot('xianyu', 0)).toBeNull();
  });
});
