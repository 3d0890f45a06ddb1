import { z } from 'zod';

/** Designer user roles, most powerful first. */
export const ROLES = ['admin', 'publisher', 'editor', 'agent', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
