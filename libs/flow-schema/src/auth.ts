import { z } from 'zod';
import { idSchema, jsonValueSchema } from './common';

/** Designer user roles, most powerful first. */
export const ROLES = ['admin', 'publisher', 'editor', 'agent', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that may edit a bot's documents (and so also act as its machine client). */
export const EDITOR_ROLES = ['admin', 'publisher', 'editor'] as const satisfies readonly Role[];

export const emailSchema = z.email().max(254).transform((email) => email.toLowerCase());
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(200);

export const loginRequestSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({ token: z.string(), user: userSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().min(1).max(100).optional(),
  password: passwordSchema,
  role: roleSchema,
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ name: z.string().min(1).max(100), role: roleSchema, password: passwordSchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'change at least one of name, role, password');
export type UpdateUser = z.infer<typeof updateUserSchema>;

// Bots and their API keys (kept here so the public schema index stays unchanged).
/** A bot as the api returns it. Its key addresses it in every route (`/v1/bots/:bot`). */
export const botSchema = z.object({
  key: idSchema,
  name: z.string(),
  description: z.string(),
  settings: z.record(z.string(), jsonValueSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Bot = z.infer<typeof botSchema>;

export const createBotSchema = z.object({
  key: idSchema,
  name: z.string().min(1).max(100),
  description: z.string().max(1000).default(''),
  settings: z.record(z.string(), jsonValueSchema).default({}),
});
export type CreateBot = z.input<typeof createBotSchema>;

export const createApiKeySchema = z.object({ name: z.string().min(1).max(100) });

/** A per-bot API key as listed: the secret itself is never returned again after creation. */
export const apiKeySchema = z.object({
  id: z.string(),
  botKey: z.string(),
  name: z.string(),
  /** The first characters of the key (`zk_AbCd…`), to recognise it. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** Returned once, on creation: `key` is the plaintext `zk_…` secret. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
