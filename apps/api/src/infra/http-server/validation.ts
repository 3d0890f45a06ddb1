import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationFailedError, zodIssues } from './errors';

/** Parses `value` with `schema`; a failed parse becomes 400 `{error:'validation_failed', issues}`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailedError(zodIssues(result.error));
  return result.data;
}

/** `@Body(new ZodPipe(schema))` — the same as parseOrThrow, as a Nest pipe. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, _metadata: ArgumentMetadata): z.output<S> {
    return parseOrThrow(this.schema, value);
  }
}
