import type { FastifyInstance } from 'fastify';
import { documentShapeIssue, type ErrorBody, int32ParamSchema, isSafeText, MAX_PATH_PARAM_LENGTH, UNSAFE_TEXT_MESSAGE, unsafeTextIssues, type UnsafeValueIssue } from '@zhishou/flow-schema';

/** Path parameters that are int4 numbers on every route that has them (version numbers). */
const INT32_PARAMS = new Set(['number', 'version']);

function paramIssues(params: unknown): UnsafeValueIssue[] {
  if (params === null || typeof params !== 'object') return [];
  const issues: UnsafeValueIssue[] = [];
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    const path = `params.${name}`;
    if (typeof value !== 'string') continue;
    if (value.length > MAX_PATH_PARAM_LENGTH) issues.push({ path, message: `may be at most ${MAX_PATH_PARAM_LENGTH} characters` });
    else if (!isSafeText(value)) issues.push({ path, message: UNSAFE_TEXT_MESSAGE });
    else if (INT32_PARAMS.has(name)) {
      const parsed = int32ParamSchema.safeParse(value);
      if (!parsed.success) issues.push({ path, message: parsed.error.issues[0]?.message ?? 'must be a whole number' });
    }
  }
  return issues;
}

function prefixed(prefix: string, issues: UnsafeValueIssue[]): UnsafeValueIssue[] {
  return issues.map((i) => ({ ...i, path: i.path === '' ? prefix : `${prefix}.${i.path}` }));
}

/**
 * The edge check every route shares, before any handler or zod schema runs: path parameters, query
 * strings and JSON bodies must be storable (no NUL, no unpaired surrogates), bodies nest at most
 * MAX_DOCUMENT_DEPTH levels (the recursive validators overflowed the stack at 5,000), and version
 * numbers fit int4. Anything else is a 400 `validation_failed` naming the field, never a Postgres 500.
 * Body paths are like zod's (`text`, `events.0.data.x`); params and query are prefixed.
 */
export function installInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, reply, done) => {
    const shape = request.body === undefined ? undefined : documentShapeIssue(request.body);
    const issues = [
      ...paramIssues(request.params),
      ...prefixed('query', unsafeTextIssues(request.query)),
      ...(shape ? [shape] : unsafeTextIssues(request.body)),
    ];
    if (issues.length === 0) {
      done();
      return;
    }
    // The shared error body (errorBodySchema), like ValidationFailedError's through the exception filter.
    void reply.status(400).send({ error: 'validation_failed', message: 'validation failed', params: {}, issues } satisfies ErrorBody);
  });
}
