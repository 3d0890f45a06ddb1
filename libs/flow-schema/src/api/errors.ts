import { z } from 'zod';

/**
 * Every error body of the api: a stable `error` code (the designer translates `errors.<code>` with
 * `params`), an English `message` for humans and logs, and, for `validation_failed`, the bad fields.
 * Some codes carry more (`current` on `stale_revision`, the run report on `tests_failed`), so the
 * body is not strict: clients read the named fields and keep the rest as details.
 */
export const errorParamsSchema = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .describe('values the translated message interpolates (`{{id}}`, `{{status}}`, …)');
export type ErrorParams = z.infer<typeof errorParamsSchema>;

export const apiIssueSchema = z.strictObject({
  path: z.string().describe('dotted path of the bad field (`document.nodes.2.config.url`)'),
  message: z.string().describe('what is wrong, in English'),
});
export type ApiIssue = z.infer<typeof apiIssueSchema>;

export const errorBodySchema = z.looseObject({
  error: z.string().describe('stable error code, e.g. `not_found`, `stale_revision`, `validation_failed`'),
  message: z.string().optional().describe('English text for humans; never shown raw in the designer'),
  params: errorParamsSchema.optional(),
  issues: z.array(apiIssueSchema).optional().describe('validation_failed: one entry per bad field'),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Error codes the api sends; the designer has an `errors.<code>` text in every language for each. */
export const API_ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'already_exists',
  'bot_exists',
  'user_exists',
  'stale_revision',
  'already_claimed',
  'not_claimed',
  'released',
  'no_live_flow',
  'model_not_ready',
  'model_invalid',
  'no_live_model',
  'already_live',
  'tests_failed',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'too_many_requests',
  'rate_limited',
  'login_locked',
  'service_unavailable',
  'database_unavailable',
  'conversation_busy',
  'turn_superseded',
  'unhealthy',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** `current` of a 409 `stale_revision` body: who saved the newer revision. */
export const staleRevisionSchema = z.strictObject({
  revision: z.number().int().describe('the revision now stored'),
  updatedBy: z.string().describe('who saved it'),
  updatedAt: z.string().describe('when'),
});
export type StaleRevision = z.infer<typeof staleRevisionSchema>;
