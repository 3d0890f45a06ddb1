import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { REPO_ROOT } from '../../infra/config/config';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { ApiKeyService } from '../bots/api-key.service';
import { BotsService } from '../bots/bots.service';
import { FLOW_KIND } from '../flows/flows.service';
import { NluDataService } from '../nlu-data/nlu-data.service';
import { VersioningService } from '../versioning/versioning.service';
import { readBotBundle, type BotBundle } from './bot-bundle';

export const DEMO_BOT_DIR = join(REPO_ROOT, 'flows', 'xianyu');
const SEED_ACTOR = 'demo-seed';

/** Optional hook the rules module provides to load `rules/*.json` of a seeded bot. */
export const DEMO_RULES_SEEDER = Symbol('DEMO_RULES_SEEDER');
export interface DemoRulesSeeder {
  seedRules(bot: string, dir: string, actor: string): Promise<void>;
}

/** Optional hook the test-cases module provides to load `tests/*.json` as the main flow's test cases (the publish gate runs them). */
export const DEMO_TESTS_SEEDER = Symbol('DEMO_TESTS_SEEDER');
export interface DemoTestsSeeder {
  seedTests(bot: string, source: { dir: string; flow: string }, actor: string): Promise<number>;
  /** Deletes the bot's test cases (clean-up of a half-seeded bot). */
  removeTests(bot: string): Promise<void>;
}

export interface SeedResult {
  bot: string;
  /** Plaintext of the demo bot's API key: shown once (the start banner prints it). */
  apiKey: string;
  flows: { key: string; version: number }[];
}

/**
 * Loads the demo bot (flows/xianyu) into an empty installation: bot, NLU data, flows published as v1
 * and set live, rules (when the rules module is there) and an API key.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    @Inject(BotsService) private readonly bots: BotsService,
    @Inject(ApiKeyService) private readonly apiKeys: ApiKeyService,
    @Inject(NluDataService) private readonly nlu: NluDataService,
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Seeds when the demo bot does not exist yet; null otherwise (every later start). */
  async seedIfEmpty(dir: string = DEMO_BOT_DIR, options: { botKey?: string } = {}): Promise<SeedResult | null> {
    const read = readBotBundle(dir);
    // A different key loads the same bot twice (tests compare the baseline NLU with the shipped models).
    const bundle = options.botKey ? { ...read, manifest: { ...read.manifest, key: options.botKey } } : read;
    if (await this.bots.exists(bundle.manifest.key)) return null;
    try {
      return await this.seed(bundle);
    } catch (error) {
      // Leave no half-seeded bot behind: the next start tries again from scratch.
      await this.removeBot(bundle.manifest.key);
      throw error;
    }
  }

  private async seed(bundle: BotBundle): Promise<SeedResult> {
    const { manifest } = bundle;
    const bot = manifest.key;
    await this.bots.create({ key: bot, name: manifest.name, description: manifest.description, settings: { ...manifest.settings, mainFlow: manifest.mainFlow } });
    if (bundle.nlu !== null) {
      // Published and live at once: the demo's NLU data is its first release (later saves are drafts).
      await this.nlu.save(bot, bundle.nlu, 0, SEED_ACTOR);
      await this.nlu.publish(bot, { note: 'demo seed' }, SEED_ACTOR);
    }
    const refs = [];
    // Drafts first, so subflow references between them validate when publishing.
    for (const { document } of bundle.flows) {
      const created = await this.versioning.create({ bot, kind: FLOW_KIND, key: keyOf(document) }, document, SEED_ACTOR);
      refs.push({ bot, kind: FLOW_KIND, key: created.key });
    }
    const flows = [];
    for (const ref of refs) {
      const version = await this.versioning.publish(ref, { note: 'demo seed' }, SEED_ACTOR);
      await this.versioning.setLive(ref, { version: version.number, reason: 'demo seed' }, SEED_ACTOR);
      flows.push({ key: ref.key, version: version.number });
    }
    // Test cases after the first publish: they gate every later publish, but a shipped NLU model that
    // disagrees with a transcript must not stop the installation from starting (the tests page shows it).
    const tests = this.optional<DemoTestsSeeder>(DEMO_TESTS_SEEDER);
    if (tests) await tests.seedTests(bot, { dir: join(bundle.dir, manifest.tests), flow: manifest.mainFlow }, SEED_ACTOR);
    const rules = this.rulesSeeder();
    if (rules) await rules.seedRules(bot, bundle.dir, SEED_ACTOR);
    const key = await this.apiKeys.create(bot, 'demo', null);
    this.logger.info({ bot, flows }, 'demo bot seeded');
    return { bot, apiKey: key.key, flows };
  }

  private rulesSeeder(): DemoRulesSeeder | null {
    return this.optional<DemoRulesSeeder>(DEMO_RULES_SEEDER);
  }

  private optional<T>(token: symbol): T | null {
    try {
      return this.moduleRef.get<T>(token, { strict: false });
    } catch {
      return null;
    }
  }

  /**
   * Each module deletes its own rows, the bot last: if a step fails, the bot stays and the next start
   * does not seed over the leftovers (as when the whole clean-up fails).
   */
  private async removeBot(bot: string): Promise<void> {
    await this.versioning.removeBot(bot);
    await this.optional<DemoTestsSeeder>(DEMO_TESTS_SEEDER)?.removeTests(bot);
    await this.bots.remove(bot);
  }
}

function keyOf(document: unknown): string {
  const key = typeof document === 'object' && document !== null ? (document as { key?: unknown }).key : undefined;
  if (typeof key !== 'string') throw new Error('a demo flow document has no key');
  return key;
}
