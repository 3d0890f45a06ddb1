import { Inject, Injectable } from '@nestjs/common';
import type { Bot } from '@zhishou/flow-schema';
import { DataSource, type Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '../../infra/http-server/errors';
import { BotEntity } from './bot.entity';

function toBot(entity: BotEntity): Bot {
  return {
    key: entity.key,
    name: entity.name,
    description: entity.description,
    settings: entity.settings,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

@Injectable()
export class BotsService {
  private readonly repo: Repository<BotEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.repo = dataSource.getRepository(BotEntity);
  }

  async list(): Promise<Bot[]> {
    return (await this.repo.find({ order: { key: 'ASC' } })).map(toBot);
  }

  /** The bot, or 404 — other modules call this to check the `:bot` route param. */
  async get(key: string): Promise<Bot> {
    const entity = await this.repo.findOne({ where: { key } });
    if (!entity) throw new NotFoundError('bot', key);
    return toBot(entity);
  }

  async exists(key: string): Promise<boolean> {
    return this.repo.exists({ where: { key } });
  }

  async create(input: { key: string; name: string; description: string; settings: Bot['settings'] }): Promise<Bot> {
    const inserted: unknown[] = await this.repo.query(
      `INSERT INTO bots (key, name, description, settings) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [input.key, input.name, input.description, JSON.stringify(input.settings)],
    );
    if (!inserted.length) throw new ConflictError('bot_exists', `a bot with key "${input.key}" already exists`);
    return this.get(input.key);
  }
}
