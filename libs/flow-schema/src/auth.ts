import { z } from 'zod';

/** Designer user roles, most powerful first. */
export const ROLES = ['admin', 'publisher', 'editor', 'agent', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that may edit a bot's documents (and so also act as its machine client). */
export const EDITOR_ROLES = ['admin', 'publisher', 'editor'] as const satisfies readonly Role[];

export const emailSchema = z.email().max(254).transform((email) => email.toLowerCase());
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(200);
