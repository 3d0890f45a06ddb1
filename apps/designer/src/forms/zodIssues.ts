import type { z } from 'zod';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Puts a zod issue into the user's language (schema messages are written for developers). */
export function describeZodIssue(issue: z.core.$ZodIssue, t: Translate): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t('form.required');
      if (issue.origin === 'array') return t('form.tooFewItems', { min: Number(issue.minimum) });
      return t('form.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? t('form.tooLong', { max: Number(issue.maximum) }) : t('form.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'regex' && /keys start/.test(issue.message) ? t('form.key') : t('form.format');
    case 'invalid_type':
      return issue.expected === 'number' ? t('form.number') : t('form.type');
    case 'invalid_value':
      return t('form.choice');
    case 'invalid_union':
      return /duration/.test(issue.message) ? t('form.duration') : t('form.type');
    default:
      if (issue.message === 'duplicate') return t('form.duplicate');
      return /duration/.test(issue.message) ? t('form.duration') : issue.message;
  }
}

export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.');
}

/**
 * An issue's location in words for people (「全局跳转 › 第 3 项 › 触发条件 › 意图」), never the schema
 * path: every known field name has a label (`form.fields.*`), list positions count from 1.
 */
export function describeIssuePath(path: ReadonlyArray<PropertyKey>, t: Translate): string {
  return path
    .map((part) => (typeof part === 'number' ? t('form.item', { n: part + 1 }) : t(`form.fields.${String(part)}`, { defaultValue: String(part) })))
    .join(' › ');
}
