import { Inject, Injectable } from '@nestjs/common';
import type { Role, User } from '@zhishou/flow-schema';
import { Sql } from '../../infra/database/sql';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  token_version: number;
  created_at: Date;
}

export interface UserWithHash {
  user: User;
  passwordHash: string;
  tokenVersion: number;
}

const COLUMNS = 'id, email, name, role, password_hash, token_version, created_at';
const FIRST_ADMIN_LOCK_KEY = 7_416_000_002;

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role, createdAt: new Date(r.created_at).toISOString() });

/** All SQL of the users module: the `users` table. Emails are stored lower-cased by the callers. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  async list(): Promise<User[]> {
    const { rows } = await this.sql.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY created_at`);
    return rows.map(toUser);
  }

  async find(id: string): Promise<User | null> {
    const { rows } = await this.sql.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<UserWithHash | null> {
    const { rows } = await this.sql.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [email]);
    return rows[0] ? { user: toUser(rows[0]), passwordHash: rows[0].password_hash, tokenVersion: rows[0].token_version } : null;
  }

  /** The new user's id, or null when the email is taken. */
  async insert(input: { email: string; name: string; role: Role; passwordHash: string }): Promise<string | null> {
    const { rows } = await this.sql.query<{ id: string }>(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [input.email, input.name, input.role, input.passwordHash],
    );
    return rows[0]?.id ?? null;
  }

  /** Changes the given fields; a new password or a different role raises the token version (revoking older JWTs). False when there is no such user. */
  async update(id: string, changes: { name?: string; role?: Role; passwordHash?: string }): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `UPDATE users SET name = COALESCE($2, name), role = COALESCE($3, role), password_hash = COALESCE($4, password_hash),
              token_version = token_version + CASE WHEN $4::text IS NOT NULL OR ($3::text IS NOT NULL AND $3::text <> role) THEN 1 ELSE 0 END,
              updated_at = now()
        WHERE id = $1`,
      [id, changes.name ?? null, changes.role ?? null, changes.passwordHash ?? null],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Inserts the user only when the table is empty (the first admin), under a transaction-scoped advisory
   * lock so api and worker starting together create one; false when a user existed.
   */
  insertIfNoUsers(input: { email: string; name: string; role: Role; passwordHash: string }): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK_KEY]);
      const { rows } = await tx.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM users) AS any`);
      if (rows[0]?.any) return false;
      await tx.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)`, [input.email, input.name, input.role, input.passwordHash]);
      return true;
    });
  }
}
