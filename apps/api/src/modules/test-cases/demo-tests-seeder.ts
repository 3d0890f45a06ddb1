import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { testCaseSchema } from '@zhishou/flow-schema';
import type { DemoTestsSeeder as DemoTestsSeederHook } from '../demo/demo-seeder';
import { TestCasesRepository } from './test-cases.repository';

/**
 * Loads a seeded bot's golden transcripts (`<dir>/tests/*.json`) as test cases of its main flow (the
 * transcripts start there), so the demo's flows are gated by them from their first publish on.
 */
@Injectable()
export class DemoTestsSeeder implements DemoTestsSeederHook {
  constructor(@Inject(TestCasesRepository) private readonly repo: TestCasesRepository) {}

  async seedTests(bot: string, source: { dir: string; flow: string }, actor: string): Promise<number> {
    if (!existsSync(source.dir)) return 0;
    const files = readdirSync(source.dir).filter((f) => f.endsWith('.json')).sort();
    let seeded = 0;
    for (const file of files) {
      const parsed = testCaseSchema.safeParse(JSON.parse(readFileSync(join(source.dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: not a test case: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (await this.repo.insert(bot, source.flow, parsed.data, actor)) seeded++;
    }
    return seeded;
  }

  async removeTests(bot: string): Promise<void> {
    await this.repo.removeBot(bot);
  }
}
