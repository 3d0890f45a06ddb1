import { z } from 'zod';
import { idSchema } from '../common';
import { ROLES, type Role } from '../auth';

/**
 * Per-bot access. An admin reaches every bot; any other user reaches only the bots granted to them,
 * with one role per bot (the role the routes of that bot check).
 */
export const BOT_ROLES = ROLES.filter((role): role is Exclude<Role, 'admin'> => role !== 'admin');
export const botRoleSchema = z.enum(BOT_ROLES as [Exclude<Role, 'admin'>, ...Exclude<Role, 'admin'>[]]);
export type BotRole = z.infer<typeof botRoleSchema>;

/** One grant: this user has this role on this bot. */
export const botGrantSchema = z.object({
  userId: z.string(),
  botKey: idSchema,
  role: botRoleSchema,
  grantedAt: z.string(),
});
export type BotGrant = z.infer<typeof botGrantSchema>;

/** `PUT /v1/users/:id/bots/:bot` body: grant (or change) the user's role on the bot. */
export const grantBotRoleSchema = z.object({ role: botRoleSchema });
export type GrantBotRole = z.infer<typeof grantBotRoleSchema>;

/** `GET /v1/users/:id/bots`. */
export const userBotGrantsSchema = z.object({ grants: botGrantSchema.array() });
export type UserBotGrants = z.infer<typeof userBotGrantsSchema>;

/** `GET /v1/bots/:bot/members`: who may reach the bot (admins reach every bot and are not listed). */
export const botMembersSchema = z.object({
  members: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string(), role: botRoleSchema, grantedAt: z.string() })),
});
export type BotMembers = z.infer<typeof botMembersSchema>;

/** `GET /v1/auth/me/bots`: the caller's reach, for the designer to show what the caller may do per bot. */
export const myBotsSchema = z.object({
  /** true for admins: every bot, as admin. */
  allBots: z.boolean(),
  grants: z.array(z.object({ botKey: idSchema, role: botRoleSchema })),
});
export type MyBots = z.infer<typeof myBotsSchema>;
