import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CreateUser, Role, UpdateUser, User } from '@zhishou/flow-schema';
import { DataSource, type Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '../../infra/http-server/errors';
import { hashPassword, verifyPassword } from '../auth/password';
import { UserEntity } from './user.entity';

const FIRST_ADMIN_LOCK_KEY = 7_416_000_002;

export function toUser(entity: UserEntity): User {
  return { id: entity.id, email: entity.email, name: entity.name, role: entity.role, createdAt: entity.createdAt.toISOString() };
}

function nameFromEmail(email: string): string {
  return email.split('@')[0] ?? email;
}

@Injectable()
export class UsersService {
  private readonly repo: Repository<UserEntity>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(UserEntity);
  }

  async list(): Promise<User[]> {
    return (await this.repo.find({ order: { createdAt: 'ASC' } })).map(toUser);
  }

  async get(id: string): Promise<User> {
    const entity = await this.repo.findOne({ where: { id } });
    if (!entity) throw new NotFoundError('user', id);
    return toUser(entity);
  }

  async create(input: CreateUser): Promise<User> {
    const inserted = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ email: input.email, name: input.name ?? nameFromEmail(input.email), role: input.role, passwordHash: await hashPassword(input.password) })
      .orIgnore()
      .returning('*')
      .execute();
    const row = (inserted.raw as { id: string }[])[0];
    if (!row) throw new ConflictError('user_exists', `a user with email "${input.email}" already exists`);
    return this.get(row.id);
  }

  async update(id: string, changes: UpdateUser): Promise<User> {
    const entity = await this.repo.findOne({ where: { id } });
    if (!entity) throw new NotFoundError('user', id);
    if (changes.name !== undefined) entity.name = changes.name;
    if (changes.role !== undefined) entity.role = changes.role;
    if (changes.password !== undefined) entity.passwordHash = await hashPassword(changes.password);
    return toUser(await this.repo.save(entity));
  }

  /** The user when email and password match, else null (same answer for unknown email and bad password). */
  async authenticate(email: string, password: string): Promise<User | null> {
    const entity = await this.repo.findOne({ where: { email: email.toLowerCase() } });
    if (!entity) {
      await hashPassword(password); // same cost either way, so timing does not reveal which emails exist
      return null;
    }
    return (await verifyPassword(password, entity.passwordHash)) ? toUser(entity) : null;
  }

  /**
   * Creates the first admin when there are no users at all. Returns the password when it was
   * generated (so it can be shown once), null when a user already existed or the password came from env.
   */
  async ensureFirstAdmin(email: string, password: string | undefined): Promise<{ email: string; password: string; generated: boolean } | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK_KEY]);
      if ((await manager.count(UserEntity)) > 0) return null;
      const chosen = password ?? randomBytes(12).toString('base64url');
      const role: Role = 'admin';
      await manager.insert(UserEntity, { email: email.toLowerCase(), name: 'Admin', role, passwordHash: await hashPassword(chosen) });
      return { email: email.toLowerCase(), password: chosen, generated: password === undefined };
    });
  }
}
