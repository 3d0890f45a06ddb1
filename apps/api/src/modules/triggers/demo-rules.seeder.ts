import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import type { DemoRulesSeeder } from '../demo/demo-seeder';
import { VersioningService } from '../versioning/versioning.service';
import { RULESET_KIND } from './ruleset-kind';

/** Seeds a demo bot's `rules/*.json` rule sets: created, published as v1 and set live (the demo seeder's hook). */
@Injectable()
export class DemoRulesLoader implements DemoRulesSeeder {
  constructor(
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async seedRules(bot: string, dir: string, actor: string): Promise<void> {
    const rulesDir = join(dir, 'rules');
    let files: string[];
    try {
      files = readdirSync(rulesDir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      return; // a bot without rules
    }
    for (const file of files) {
      const document = JSON.parse(readFileSync(join(rulesDir, file), 'utf8')) as { key?: unknown };
      if (typeof document.key !== 'string') throw new Error(`${file}: a rule set needs a key`);
      const ref = { bot, kind: RULESET_KIND, key: document.key };
      await this.versioning.create(ref, document, actor);
      const version = await this.versioning.publish(ref, { note: 'demo seed' }, actor);
      await this.versioning.setLive(ref, { version: version.number, reason: 'demo seed' }, actor);
      this.logger.info({ bot, ruleSet: document.key, version: version.number }, 'demo rule set seeded');
    }
  }
}
