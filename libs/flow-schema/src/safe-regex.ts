import { RE2JS } from 're2js';

/**
 * The one way user-supplied patterns run (ask-node validation, condition `matches`, rule operators,
 * NLU regex slot types): RE2JS, a pure-JS port of RE2 whose matching time is linear in the input,
 * so no pattern can freeze the process (JS RegExp backtracks: `^(a|a)+$` on 32 "a" + "!" took 43 s).
 * Patterns are written in JavaScript syntax and translated; what RE2 cannot run in linear time
 * (backreferences, lookaround) is refused with a reason, at validation and at run time alike.
 */

export const MAX_PATTERN_LENGTH = 200;
/**
 * Longest text a pattern looks at per evaluation (the chat message limit): together with linear time, a
 * hard bound on work — RE2JS needs up to ~8 µs per character on alternations, so ≤ ~30 ms per match.
 */
export const MAX_REGEX_INPUT = 4_000;

export interface RegexMatch {
  /** UTF-16 offsets into the text, like `RegExp` indices. */
  start: number;
  end: number;
  text: string;
  /** Capture groups 1..n (undefined when a group did not take part). */
  groups: (string | undefined)[];
}

export interface LinearRegex {
  readonly source: string;
  readonly flags: string;
  /** True when the pattern matches somewhere in the text (like `RegExp.prototype.test`). */
  test(text: string): boolean;
  /** Non-empty, non-overlapping matches left to right (like a global `RegExp` exec loop). */
  findAll(text: string): RegexMatch[];
}

export type LinearRegexResult = { ok: true; regex: LinearRegex } | { ok: false; reason: string };

const ALLOWED_FLAGS = /^[imsu]*$/;
const CACHE_LIMIT = 256;
// Compiled patterns by flags + source; bounded so patterns from many drafts cannot grow it without end.
const cache = new Map<string, LinearRegexResult>();

type Re2 = ReturnType<typeof RE2JS.compile>;

function clip(text: string): string {
  return text.length > MAX_REGEX_INPUT ? text.slice(0, MAX_REGEX_INPUT) : text;
}

function wrap(compiled: Re2, source: string, flags: string): LinearRegex {
  return {
    source,
    flags,
    test: (text) => compiled.matcher(clip(text)).find(),
    findAll(text) {
      const matcher = compiled.matcher(clip(text));
      const found: RegexMatch[] = [];
      const groupCount = matcher.groupCount();
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        if (end === start) continue;
        const groups: (string | undefined)[] = [];
        for (let i = 1; i <= groupCount; i++) groups.push(matcher.group(i) ?? undefined);
        found.push({ start, end, text: matcher.group() ?? '', groups });
      }
      return found;
    },
  };
}

function compileUncached(source: string, flags: string): LinearRegexResult {
  if (source === '') return { ok: false, reason: 'a regex pattern must be a non-empty string' };
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `a regex pattern may be at most ${MAX_PATTERN_LENGTH} characters` };
  if (!ALLOWED_FLAGS.test(flags)) return { ok: false, reason: `unsupported regex flags "${flags}" (allowed: i, m, s, u)` };
  try {
    // The JS syntax check first: a pattern must mean the same thing wherever ops see it (designer too).
    new RegExp(source, flags);
  } catch (error) {
    return { ok: false, reason: `invalid regex: ${(error as Error).message}` };
  }
  // RE2 has no backreferences, and translateRegExp would silently turn `\k<n>` into a literal.
  if (/\\(?:[1-9]|k<)/.test(source.replace(/\\\\/g, ''))) {
    return { ok: false, reason: 'unsupported in a linear-time pattern (no backreferences or lookaround): backreference' };
  }
  let options = 0;
  if (flags.includes('i')) options |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) options |= RE2JS.MULTILINE;
  if (flags.includes('s')) options |= RE2JS.DOTALL;
  try {
    return { ok: true, regex: wrap(RE2JS.compile(RE2JS.translateRegExp(source), options), source, flags) };
  } catch (error) {
    const detail = (error as Error).message.replace(/^error parsing regexp: /, '');
    return { ok: false, reason: `unsupported in a linear-time pattern (no backreferences or lookaround): ${detail}` };
  }
}

/** Compiles a JavaScript-syntax pattern for the linear-time engine; cached, so callers may call it per use. */
export function compileLinearRegex(source: string, flags = ''): LinearRegexResult {
  const key = `${flags}/${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compileUncached(source, flags);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/**
 * Compiles a `matches` pattern: `"^\\d{6}$"` is a plain pattern; `"/退款|退货/i"` carries flags.
 * Refuses non-strings, invalid syntax, over-long patterns, flags other than i/m/s/u and what the
 * linear-time engine cannot run.
 */
export function compileSafeRegex(pattern: unknown): LinearRegexResult {
  if (typeof pattern !== 'string' || pattern === '') return { ok: false, reason: 'a regex pattern must be a non-empty string' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `a regex pattern may be at most ${MAX_PATTERN_LENGTH} characters` };
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
  return literal ? compileLinearRegex(literal[1] as string, literal[2] as string) : compileLinearRegex(pattern);
}
