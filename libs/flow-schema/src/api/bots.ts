import { z } from 'zod';
import { idSchema, jsonValueSchema } from '../common';
import { isoDateTime } from './common';

/** /v1/bots and their API keys. A bot's key addresses it in every route (`/v1/bots/:bot`). */
export const botSchema = z.strictObject({
  key: idSchema.describe('stable key used in URLs'),
  name: z.string().describe('display name'),
  description: z.string().describe('free text'),
  settings: z.record(z.string(), jsonValueSchema).describe('bot settings (main flow, …)'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Bot = z.infer<typeof botSchema>;
export const botListSchema = z.array(botSchema);

export const createBotSchema = z.object({
  key: idSchema.describe('stable key used in URLs'),
  name: z.string().min(1).max(100).describe('display name'),
  description: z.string().max(1000).default('').describe('free text'),
  settings: z.record(z.string(), jsonValueSchema).default({}).describe('bot settings'),
});
export type CreateBot = z.input<typeof createBotSchema>;

export const createApiKeySchema = z.object({ name: z.string().min(1).max(100).describe('what the key is for') });

/** A per-bot API key as listed: the secret itself is never returned again after creation. */
export const apiKeySchema = z.strictObject({
  id: z.string().describe('key id (uuid)'),
  botKey: z.string().describe('the bot the key belongs to'),
  name: z.string().describe('what the key is for'),
  prefix: z.string().describe('the first characters of the key (`zk_AbCd…`), to recognise it'),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyListSchema = z.array(apiKeySchema);

/** Returned once, on creation: `key` is the plaintext `zk_…` secret. */
export const createdApiKeySchema = z.strictObject({ ...apiKeySchema.shape, key: z.string().describe('the plaintext `zk_…` secret, shown this once') });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
