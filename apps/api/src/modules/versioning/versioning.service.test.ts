import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../infra/http-server/errors';
import { toErrorResponse } from '../../infra/http-server/exception.filter';
import { InMemoryDocumentStore } from './in-memory-document-store';
import { VersioningService } from './versioning.service';
import { contentHash } from './canonical-json';
import { pickPins, pickVersion, canaryBucket } from './canary';
import type { KindPolicy } from './versioning.types';

const docSchema = z.object({ name: z.string(), broken: z.boolean().default(false) });
type Doc = z.infer<typeof docSchema>;
const policy: KindPolicy<Doc> = {
  parse: (d) => {
    const r = docSchema.safeParse(d);
    return r.success ? { ok: true, value: r.data } : { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  },
  validate: (d) => (d.broken ? [{ code: 'broken', severity: 'error', message: 'document is broken', nodeId: 'n1' }] : []),
};

function setup(models?: { activeVersion: () => Promise<string | null> }) {
  const svc = new VersioningService(new InMemoryDocumentStore(), models ?? null);
  svc.registerKind('thing', policy);
  return svc;
}
const ref = { bot: 'b', kind: 'thing', key: 'main' };

async function statusOf(p: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return toErrorResponse(e);
    throw e;
  }
  throw new Error('expected an HTTP error');
}

describe('VersioningService', () => {
  it('refuses a stale draft save with who saved and when', async () => {
    const svc = setup();
    await svc.create(ref, { name: 'a' }, 'alice');
    const saved = await svc.saveDraft(ref, { name: 'b' }, 1, 'bob');
    expect(saved.revision).toBe(2);
    const err = await statusOf(svc.saveDraft(ref, { name: 'c' }, 1, 'carol'));
    expect(err.status).toBe(409);
    expect(err.body).toMatchObject({ error: 'stale_revision', current: { revision: 2, updatedBy: 'bob' } });
    expect((await svc.getDraft(ref)).draft).toEqual({ name: 'b', broken: false });
  });

  it('rejects a draft that does not parse with field-level issues', async () => {
    const svc = setup();
    const err = await statusOf(svc.create(ref, { name: 3 }, 'alice'));
    expect(err.status).toBe(400);
    expect(err.body).toMatchObject({ error: 'validation_failed', issues: [{ path: 'name' }] });
  });

  it('publishes immutable numbered versions with a canonical content hash and the active model', async () => {
    const svc = setup({ activeVersion: async () => 'model-7' });
    await svc.create(ref, { name: 'a' }, 'alice');
    const v1 = await svc.publish(ref, { note: 'first' }, 'pub');
    await svc.saveDraft(ref, { name: 'b' }, 1, 'alice');
    const v2 = await svc.publish(ref, { note: 'second' }, 'pub');
    expect([v1.number, v2.number]).toEqual([1, 2]);
    expect(v1.contentHash).toBe(contentHash({ broken: false, name: 'a' }));
    expect(v1).toMatchObject({ author: 'pub', note: 'first', nluModelVersion: 'model-7' });
    expect((await svc.getVersion(ref, 1)).content).toEqual({ name: 'a', broken: false });
    expect((await svc.listVersions(ref)).map((v) => v.number)).toEqual([2, 1]);
  });

  it('refuses to publish while validation has errors and lists them', async () => {
    const svc = setup();
    await svc.create(ref, { name: 'a', broken: true }, 'alice');
    const err = await statusOf(svc.publish(ref, { note: '' }, 'pub'));
    expect(err.status).toBe(400);
    expect(err.body).toMatchObject({ error: 'validation_failed', issues: [{ code: 'broken', nodeId: 'n1' }] });
    expect(await svc.listVersions(ref)).toEqual([]);
  });

  it('moves the live pointer with an audit trail; rollback is an earlier version', async () => {
    const svc = setup();
    const seen: string[] = [];
    svc.onRelease((r) => seen.push(r.key));
    await svc.create(ref, { name: 'a' }, 'alice');
    await svc.publish(ref, { note: '' }, 'pub');
    await svc.saveDraft(ref, { name: 'b' }, 1, 'alice');
    await svc.publish(ref, { note: '' }, 'pub');
    await svc.setLive(ref, { version: 2 }, 'pub');
    await svc.setLive(ref, { version: 1, reason: 'bad answers' }, 'admin');
    expect((await svc.getDraft(ref)).liveVersion).toBe(1);
    const audit = await svc.releaseHistory(ref);
    expect(audit.map((a) => [a.fromVersion, a.toVersion, a.actor])).toEqual([
      [2, 1, 'admin'],
      [null, 2, 'pub'],
    ]);
    expect(audit[0]?.reason).toBe('bad answers');
    expect(seen).toEqual(['main', 'main']);
    expect((await statusOf(svc.setLive(ref, { version: 9 }, 'pub'))).status).toBe(404);
  });

  it('splits new conversations between live and canary, sticky per conversation id', () => {
    const release = { live: 1, canary: 2, canaryPercent: 30 };
    const ids = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const onCanary = ids.filter((id) => pickVersion(release, id) === 2).length;
    expect(onCanary).toBeGreaterThan(200);
    expect(onCanary).toBeLessThan(400);
    for (const id of ids.slice(0, 20)) expect(pickVersion(release, id)).toBe(canaryBucket(id) < 30 ? 2 : 1);
    expect(pickVersion({ live: 1, canary: null, canaryPercent: 0 }, 'x')).toBe(1);
  });

  it('runs a kind\'s gate on publish: a failing gate refuses with 400 tests_failed and its details, nothing is stored', async () => {
    const svc = new VersioningService(new InMemoryDocumentStore(), null);
    const gated: KindPolicy<Doc> = {
      ...policy,
      pinned: true,
      gate: async (_ref, candidate, live) => ({ passed: candidate.name !== 'worse', message: `live ${live?.name ?? 'none'}`, details: { candidate: candidate.name } }),
    };
    svc.registerKind('gated', gated);
    svc.registerKind('thing', policy);
    expect(svc.pinnedKinds()).toEqual(['gated']);
    const g = { ...ref, kind: 'gated' };
    await svc.create(g, { name: 'a' }, 'alice');
    const { version, gate } = await svc.publishGated(g, { note: '' }, 'pub');
    expect(gate).toEqual({ passed: true, message: 'live none', details: { candidate: 'a' } });
    await svc.setLive(g, { version: version.number }, 'pub');
    await svc.saveDraft(g, { name: 'worse' }, 1, 'alice');
    // The dry run and the publish see the live version's content.
    expect(await svc.gate(g)).toMatchObject({ passed: false, message: 'live a' });
    const err = await statusOf(svc.publish(g, { note: '' }, 'pub'));
    expect(err.status).toBe(400);
    expect(err.body).toMatchObject({ error: 'tests_failed', message: 'live a', gate: { candidate: 'worse' } });
    expect((await svc.listVersions(g)).map((v) => v.number)).toEqual([1]);
    expect(await svc.draftStatus(g)).toMatchObject({ liveVersion: 1, revision: 2, identical: false });
  });

  it('pins every pointer of a new conversation, each kind and key on its own sticky bucket', () => {
    const pointers = [
      { kind: 'flow', key: 'main', live: 3, canary: 4, canaryPercent: 50 },
      { kind: 'model', key: 'nlu', live: 1, canary: 2, canaryPercent: 50 },
      { kind: 'nlu', key: 'main', live: 5, canary: null, canaryPercent: 0 },
    ];
    const ids = Array.from({ length: 400 }, (_, i) => `bot:c${i}`);
    const pins = ids.map((id) => pickPins(pointers, id));
    for (const [i, p] of pins.entries()) {
      // Flows keep their historical bucket (the conversation key alone); other kinds draw their own.
      expect(p.flow?.main).toBe(canaryBucket(ids[i]!) < 50 ? 4 : 3);
      expect(p.model?.nlu).toBe(canaryBucket(`${ids[i]!}:model:nlu`) < 50 ? 2 : 1);
      expect(p.nlu?.main).toBe(5);
      expect(pickPins(pointers, ids[i]!)).toEqual(p);
    }
    // Independent splits: every combination of flow and model arm occurs.
    expect(new Set(pins.map((p) => `${p.flow?.main}/${p.model?.nlu}`)).size).toBe(4);
  });
});
