import { z } from 'zod';
import { emailSchema, passwordSchema, roleSchema } from '../auth';
import { userSchema } from './auth';

/** /v1/users (admin only). The user body is `userSchema` (api/auth.ts). */
export const createUserSchema = z.object({
  email: emailSchema.describe('login e-mail'),
  name: z.string().min(1).max(100).optional().describe('display name (defaults to the e-mail)'),
  password: passwordSchema.describe('initial password (at least 8 characters)'),
  role: roleSchema.describe('role'),
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    name: z.string().min(1).max(100).describe('display name'),
    role: roleSchema.describe('role (applies at the next login)'),
    password: passwordSchema.describe('new password'),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'change at least one of name, role, password');
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const userListSchema = z.array(userSchema);
