import { Inject, Injectable } from '@nestjs/common';
import type { Bot } from '@zhishou/flow-schema';
import { ConflictError, NotFoundError } from '../../infra/http-server/errors';
import { BotsRepository } from './bots.repository';

@Injectable()
export class BotsService {
  constructor(@Inject(BotsRepository) private readonly repo: BotsRepository) {}

  list(): Promise<Bot[]> {
    return this.repo.list();
  }

  /** The bot, or 404 — other modules call this to check the `:bot` route param. */
  async get(key: string): Promise<Bot> {
    const bot = await this.repo.find(key);
    if (!bot) throw new NotFoundError('bot', key);
    return bot;
  }

  /** The bot, or null (BotDirectory's uncached read). */
  find(key: string): Promise<Bot | null> {
    return this.repo.find(key);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.repo.find(key)) !== null;
  }

  async create(input: { key: string; name: string; description: string; settings: Bot['settings'] }): Promise<Bot> {
    if (!(await this.repo.insert(input))) throw new ConflictError('bot_exists', `a bot with key "${input.key}" already exists`, {}, { key: input.key });
    return this.get(input.key);
  }

  /** Deletes the bot and its API keys (the demo seeder's clean-up of a half-seeded bot; documents go through their own modules). */
  remove(key: string): Promise<void> {
    return this.repo.delete(key);
  }
}
