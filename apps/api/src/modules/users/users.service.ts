import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CreateUser, UpdateUser, User } from '@zhishou/flow-schema';
import { ConflictError, NotFoundError } from '../../infra/http-server/errors';
import { hashPassword, verifyPassword } from '../auth/password';
import { UsersRepository } from './users.repository';

function nameFromEmail(email: string): string {
  return email.split('@')[0] ?? email;
}

@Injectable()
export class UsersService {
  constructor(@Inject(UsersRepository) private readonly repo: UsersRepository) {}

  list(): Promise<User[]> {
    return this.repo.list();
  }

  async get(id: string): Promise<User> {
    const user = await this.repo.find(id);
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  async create(input: CreateUser): Promise<User> {
    const id = await this.repo.insert({ email: input.email, name: input.name ?? nameFromEmail(input.email), role: input.role, passwordHash: await hashPassword(input.password) });
    if (!id) throw new ConflictError('user_exists', `a user with email "${input.email}" already exists`, {}, { email: input.email });
    return this.get(id);
  }

  async update(id: string, changes: UpdateUser): Promise<User> {
    const passwordHash = changes.password !== undefined ? await hashPassword(changes.password) : undefined;
    if (!(await this.repo.update(id, { name: changes.name, role: changes.role, passwordHash }))) throw new NotFoundError('user', id);
    return this.get(id);
  }

  /** The user and its token version when email and password match, else null (same answer for unknown email and bad password). */
  async authenticate(email: string, password: string): Promise<{ user: User; tokenVersion: number } | null> {
    const found = await this.repo.findByEmail(email.toLowerCase());
    if (!found) {
      await hashPassword(password); // same cost either way, so timing does not reveal which emails exist
      return null;
    }
    return (await verifyPassword(password, found.passwordHash)) ? { user: found.user, tokenVersion: found.tokenVersion } : null;
  }

  /**
   * Creates the first admin when there are no users at all. Returns the password when it was
   * generated (so it can be shown once), null when a user already existed or the password came from env.
   */
  async ensureFirstAdmin(email: string, password: string | undefined): Promise<{ email: string; password: string; generated: boolean } | null> {
    const chosen = password ?? randomBytes(12).toString('base64url');
    const created = await this.repo.insertIfNoUsers({ email: email.toLowerCase(), name: 'Admin', role: 'admin', passwordHash: await hashPassword(chosen) });
    return created ? { email: email.toLowerCase(), password: chosen, generated: password === undefined } : null;
  }

  /** Sets the password (and optionally the role) of the user with this email, creating them (default role admin) when there is none. */
  async setPassword(email: string, password: string, role: User['role'] | undefined): Promise<{ created: boolean; role: User['role'] }> {
    const passwordHash = await hashPassword(password);
    const existing = await this.repo.findByEmail(email.toLowerCase());
    if (existing) {
      await this.repo.update(existing.user.id, { passwordHash, role });
      return { created: false, role: role ?? existing.user.role };
    }
    await this.repo.insert({ email: email.toLowerCase(), name: nameFromEmail(email), role: role ?? 'admin', passwordHash });
    return { created: true, role: role ?? 'admin' };
  }
}
