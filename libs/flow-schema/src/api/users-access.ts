import { z } from 'zod';
import { idSchema } from '../common';
import { ROLES, type Role } from '../auth';
import { isoDateTime } from './common';

/**
 * Per-bot access. An admin reaches every bot; any other user reaches only the bots granted to them,
 * with one role per bot (the role the routes of that bot check).
 */
export const BOT_ROLES = ROLES.filter((role): role is Exclude<Role, 'admin'> => role !== 'admin');
export const botRoleSchema = z.enum(BOT_ROLES as [Exclude<Role, 'admin'>, ...Exclude<Role, 'admin'>[]]).describe('role on this bot (admin is global, never granted per bot)');
export type BotRole = z.infer<typeof botRoleSchema>;

/** One grant: this user has this role on this bot. `PUT /v1/users/:id/bots/:bot` answers it. */
export const botGrantSchema = z.strictObject({
  userId: z.string().describe('user id (uuid)'),
  botKey: idSchema.describe('bot key'),
  role: botRoleSchema,
  grantedAt: isoDateTime.describe('when the user was first granted access to the bot'),
});
export type BotGrant = z.infer<typeof botGrantSchema>;

/** `PUT /v1/users/:id/bots/:bot` body: grant (or change) the user's role on the bot. */
export const grantBotRoleSchema = z.object({ role: botRoleSchema });
export type GrantBotRole = z.infer<typeof grantBotRoleSchema>;

/** `GET /v1/users/:id/bots`. */
export const userBotGrantsSchema = z.strictObject({ grants: botGrantSchema.array().describe("the user's grants, by bot key") });
export type UserBotGrants = z.infer<typeof userBotGrantsSchema>;

/** `GET /v1/bots/:bot/members`: who may reach the bot (admins reach every bot and are not listed). */
export const botMemberSchema = z.strictObject({
  userId: z.string().describe('user id (uuid)'),
  email: z.string().describe('login e-mail, lower case'),
  name: z.string().describe('display name'),
  role: botRoleSchema,
  grantedAt: isoDateTime.describe('when the user was first granted access to the bot'),
});
export const botMembersSchema = z.strictObject({ members: z.array(botMemberSchema).describe('granted users, by e-mail (admins are not listed)') });
export type BotMembers = z.infer<typeof botMembersSchema>;

/** `GET /v1/auth/me/bots`: the caller's reach, for the designer to show what the caller may do per bot. */
export const myBotsSchema = z.strictObject({
  allBots: z.boolean().describe('true for admins: every bot, as admin (grants is then empty)'),
  grants: z
    .array(z.strictObject({ botKey: idSchema.describe('bot key'), role: botRoleSchema }))
    .describe("the caller's role per granted bot, by bot key"),
});
export type MyBots = z.infer<typeof myBotsSchema>;
