import { Inject, Injectable } from '@nestjs/common';
import { parseFlow, type Flow } from '@zhishou/flow-schema';
/** The versioning kind of flows (FlowsModule registers it). */
const FLOW_KIND = 'flow';
import { VersioningService } from '../versioning/versioning.service';

/**
 * Published flow versions are immutable, so each is loaded (through the versioning module, which owns
 * the versions) and parsed once per process and kept. (Bounded by the number of versions in use; a busy
 * multi-bot deployment would want an LRU here.)
 */
@Injectable()
export class FlowVersionCache {
  private readonly cache = new Map<string, Flow>();
  private readonly loading = new Map<string, Promise<Flow>>();
  constructor(@Inject(VersioningService) private readonly versioning: Pick<VersioningService, 'getVersion'>) {}

  private static id(bot: string, key: string, version: number): string {
    return `${bot}\u0000${key}\u0000${version}`;
  }

  /** The flows of a pinned release (`{ flowKey: version }`); concurrent misses of one version load it once. */
  async getMany(bot: string, pins: Record<string, number>): Promise<Map<string, Flow>> {
    const out = new Map<string, Flow>();
    const missing: Promise<void>[] = [];
    for (const [key, version] of Object.entries(pins)) {
      const hit = this.cache.get(FlowVersionCache.id(bot, key, version));
      if (hit) out.set(key, hit);
      else missing.push(this.load(bot, key, version).then((flow) => void out.set(key, flow)));
    }
    await Promise.all(missing);
    return out;
  }

  private load(bot: string, key: string, version: number): Promise<Flow> {
    const id = FlowVersionCache.id(bot, key, version);
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.versioning
        .getVersion({ bot, kind: FLOW_KIND, key }, version)
        .then((v) => {
          const parsed = parseFlow(v.content);
          if (!parsed.ok) throw new Error(`stored flow ${key} v${version} does not parse: ${parsed.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
          this.cache.set(id, parsed.flow);
          return parsed.flow;
        })
        .finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }
}
