import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { RuleSet } from '@zhishou/flow-schema';
import { compileRuleSet, InvalidRuleSetError, type CompiledRuleSet } from '@zhishou/rules';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { BotDirectory } from '../versioning/bot-directory';
import { VersioningService } from '../versioning/versioning.service';
import type { DocumentRef } from '../versioning/versioning.types';
import { RULESET_KIND, ruleSetKindPolicy } from './ruleset-kind';

/** How long a process trusts its view of which rule-set versions are live (other processes publish too). */
const LIVE_POINTERS_TTL_MS = 1_000;

/**
 * Rule sets as versioned documents (kind `ruleset`), and the live ones compiled for matching and firing.
 * Versions are immutable, so a compiled version is cached for good; only the live pointers are re-read
 * (at most once a second per bot, and at once in this process after a release).
 */
@Injectable()
export class RuleSetsService implements OnModuleInit {
  private readonly compiled = new Map<string, Promise<CompiledRuleSet>>();
  private readonly pointers = new Map<string, { until: number; live: Promise<Map<string, number>> }>();

  constructor(
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.versioning.registerKind<RuleSet>(RULESET_KIND, ruleSetKindPolicy);
    this.versioning.onRelease((ref) => {
      if (ref.kind === RULESET_KIND) this.pointers.delete(ref.bot);
    });
  }

  async requireBot(bot: string): Promise<void> {
    await this.bots.require(bot);
  }

  async ref(bot: string, key: string): Promise<DocumentRef> {
    await this.bots.require(bot);
    return { bot, kind: RULESET_KIND, key };
  }

  private livePointers(bot: string): Promise<Map<string, number>> {
    const hit = this.pointers.get(bot);
    if (hit && hit.until > Date.now()) return hit.live;
    const live = this.versioning.list(bot, RULESET_KIND).then((drafts) => new Map(drafts.filter((d) => d.liveVersion !== null).map((d) => [d.key, d.liveVersion as number])));
    live.catch(() => this.pointers.delete(bot));
    this.pointers.set(bot, { until: Date.now() + LIVE_POINTERS_TTL_MS, live });
    return live;
  }

  /** A published version, compiled once. */
  version(bot: string, key: string, number: number): Promise<CompiledRuleSet> {
    const cacheKey = `${bot}\n${key}\n${number}`;
    let hit = this.compiled.get(cacheKey);
    if (!hit) {
      hit = this.versioning.getVersion({ bot, kind: RULESET_KIND, key }, number).then((v) => compileRuleSet(v.content, { version: v.number }));
      hit.catch(() => this.compiled.delete(cacheKey));
      this.compiled.set(cacheKey, hit);
    }
    return hit;
  }

  /**
   * Every live rule set of the bot, compiled. A version that no longer compiles (published before a
   * validation bound existed, e.g. `after: "99999999999d"`) is left out and logged: one bad rule set
   * must not refuse every event of the bot. Other errors (the database away) still fail the call.
   */
  async live(bot: string): Promise<CompiledRuleSet[]> {
    const pointers = await this.livePointers(bot);
    const settled = await Promise.allSettled([...pointers].map(([key, number]) => this.version(bot, key, number)));
    const sets: CompiledRuleSet[] = [];
    for (const [i, result] of settled.entries()) {
      if (result.status === 'fulfilled') sets.push(result.value);
      else if (result.reason instanceof InvalidRuleSetError) this.logger.error({ bot, ruleSet: [...pointers][i]?.[0], err: result.reason }, 'a live rule set does not compile; its rules are skipped');
      else throw result.reason;
    }
    return sets;
  }

  /** The live version of one rule set, or null when none is live. */
  async liveOne(bot: string, key: string): Promise<CompiledRuleSet | null> {
    const number = (await this.livePointers(bot)).get(key);
    return number === undefined ? null : this.version(bot, key, number);
  }
}
