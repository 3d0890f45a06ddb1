import { z } from 'zod';
import { emailSchema, roleSchema } from '../auth';
import { isoDateTime } from './common';

/** POST /v1/auth/login · GET /v1/auth/me */
export const loginRequestSchema = z.object({
  email: emailSchema.describe('login e-mail (case-insensitive)'),
  password: z.string().min(1).max(200).describe('password'),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.strictObject({
  id: z.string().describe('user id (uuid)'),
  email: z.string().describe('login e-mail, lower case'),
  name: z.string().describe('display name'),
  role: roleSchema.describe('what the user may do'),
  createdAt: isoDateTime,
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.strictObject({
  token: z.string().describe('JWT for `Authorization: Bearer …`'),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
