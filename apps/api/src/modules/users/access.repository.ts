import { Inject, Injectable } from '@nestjs/common';
import type { BotMembers, BotRole, Role } from '@zhishou/flow-schema';
import { Sql } from '../../infra/database/sql';

export interface SessionRow {
  email: string;
  role: Role;
  token_version: number;
  bot_key: string | null;
  bot_role: BotRole | null;
}

/** All SQL of per-bot access: the `user_bot_roles` table (with the `users` rows it belongs to). */
@Injectable()
export class AccessRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  /** The user's row and every grant, one row per grant (one row with null grant columns when none). */
  async session(userId: string): Promise<SessionRow[]> {
    const { rows } = await this.sql.query<SessionRow>(
      `SELECT u.email, u.role, u.token_version, g.bot_key, g.role AS bot_role
         FROM users u LEFT JOIN user_bot_roles g ON g.user_id = u.id
        WHERE u.id = $1`,
      [userId],
    );
    return rows;
  }

  async userExists(userId: string): Promise<boolean> {
    const { rows } = await this.sql.query(`SELECT 1 FROM users WHERE id = $1`, [userId]);
    return rows.length > 0;
  }

  async grants(userId: string): Promise<{ bot_key: string; role: BotRole; created_at: Date }[]> {
    const { rows } = await this.sql.query<{ bot_key: string; role: BotRole; created_at: Date }>(
      `SELECT bot_key, role, created_at FROM user_bot_roles WHERE user_id = $1 ORDER BY bot_key`,
      [userId],
    );
    return rows;
  }

  /** Inserts or changes the grant; null when the user is gone meanwhile (foreign key). */
  async upsert(userId: string, bot: string, role: BotRole, grantedBy: string): Promise<Date | null> {
    try {
      const { rows } = await this.sql.query<{ created_at: Date }>(
        `INSERT INTO user_bot_roles (user_id, bot_key, role, granted_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, bot_key) DO UPDATE SET role = EXCLUDED.role, granted_by = EXCLUDED.granted_by
         RETURNING created_at`,
        [userId, bot, role, grantedBy],
      );
      return rows[0]?.created_at ?? null;
    } catch (error) {
      if ((error as { code?: unknown }).code === '23503') return null;
      throw error;
    }
  }

  async delete(userId: string, bot: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(`DELETE FROM user_bot_roles WHERE user_id = $1 AND bot_key = $2`, [userId, bot]);
    return (rowCount ?? 0) > 0;
  }

  async members(bot: string): Promise<BotMembers['members']> {
    const { rows } = await this.sql.query<{ user_id: string; email: string; name: string; role: BotRole; created_at: Date }>(
      `SELECT g.user_id, u.email, u.name, g.role, g.created_at FROM user_bot_roles g JOIN users u ON u.id = g.user_id WHERE g.bot_key = $1 ORDER BY u.email`,
      [bot],
    );
    return rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role, grantedAt: new Date(r.created_at).toISOString() }));
  }
}
