import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../infra/http-server/errors';
import { BotsService } from '../bots/bots.service';

export interface BotInfo {
  key: string;
  /** Flow a new conversation starts in: `settings.mainFlow`, else "main". */
  mainFlow: string;
}

const POSITIVE_TTL_MS = 5_000;

/**
 * Read-only view of the bots (owned by the bots module, read through BotsService) for the document and chat routes (404 for unknown bots, the main
 * flow key). Known bots are cached briefly because every chat turn asks; unknown ones are never cached,
 * so a bot created a moment ago is found at once.
 */
@Injectable()
export class BotDirectory {
  private readonly cache = new Map<string, { info: BotInfo; until: number }>();
  constructor(@Inject(BotsService) private readonly bots: BotsService) {}

  async find(key: string): Promise<BotInfo | null> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.info;
    const bot = await this.bots.find(key);
    if (!bot) {
      this.cache.delete(key);
      return null;
    }
    const mainFlow = bot.settings['mainFlow'];
    const info = { key: bot.key, mainFlow: typeof mainFlow === 'string' ? mainFlow : 'main' };
    this.cache.set(key, { info, until: Date.now() + POSITIVE_TTL_MS });
    return info;
  }

  async require(key: string): Promise<BotInfo> {
    const info = await this.find(key);
    if (!info) throw new NotFoundError('bot', key);
    return info;
  }
}
