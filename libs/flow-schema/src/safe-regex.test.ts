import { describe, expect, it } from 'vitest';
import { compileLinearRegex, compileSafeRegex, MAX_REGEX_INPUT } from './safe-regex';

// Each of these took 20–50 s with JS RegExp on 32 × "a" + "!"; a backtracking engine times the test out.
const REDOS_PATTERNS = ['^(a+)+$', '^(a|a)+$', '(a+)+$', '(x+x+)+y', '(.*a){12}$'];

describe('linear-time regex', () => {
  it.each(REDOS_PATTERNS)('runs the catastrophic pattern %s on a long hostile input', (pattern) => {
    const compiled = compileLinearRegex(pattern);
    if (!compiled.ok) throw new Error(compiled.reason);
    expect(compiled.regex.test('a'.repeat(32) + '!')).toBe(false);
    expect(compiled.regex.test('a'.repeat(MAX_REGEX_INPUT - 1) + '!')).toBe(false);
  });

  it('keeps JavaScript syntax and flags', () => {
    const han = compileLinearRegex('[\\u4e00-\\u9fa5]+');
    expect(han.ok && han.regex.findAll('ab中文cd')).toEqual([{ start: 2, end: 4, text: '中文', groups: [] }]);
    const flagged = compileSafeRegex('/^refund$/i');
    expect(flagged.ok && flagged.regex.test('REFUND')).toBe(true);
    const dotAll = compileLinearRegex('^a.b$', 's');
    expect(dotAll.ok && dotAll.regex.test('a\nb')).toBe(true);
    const plainDot = compileLinearRegex('^a.b$');
    expect(plainDot.ok && plainDot.regex.test('a\nb')).toBe(false);
  });

  it('finds every non-empty match with UTF-16 offsets and groups', () => {
    const compiled = compileLinearRegex('(\\d+)号?');
    if (!compiled.ok) throw new Error(compiled.reason);
    expect(compiled.regex.findAll('😀 订单12号和345')).toEqual([
      { start: 5, end: 8, text: '12号', groups: ['12'] },
      { start: 9, end: 12, text: '345', groups: ['345'] },
    ]);
    const optional = compileLinearRegex('a(b)?');
    expect(optional.ok && optional.regex.findAll('a')).toEqual([{ start: 0, end: 1, text: 'a', groups: [undefined] }]);
    const empty = compileLinearRegex('x*');
    expect(empty.ok && empty.regex.findAll('axxb')).toEqual([{ start: 1, end: 3, text: 'xx', groups: [] }]);
  });

  it('refuses what cannot run in linear time, with a reason', () => {
    for (const pattern of ['(a)\\1', '(?<n>a)\\k<n>', 'a(?=b)', '(?<!a)b']) {
      const compiled = compileLinearRegex(pattern);
      expect(compiled.ok).toBe(false);
      expect(!compiled.ok && compiled.reason).toMatch(/linear-time/);
    }
    const broken = compileLinearRegex('([a-z');
    expect(!broken.ok && broken.reason).toMatch(/invalid regex/);
  });
});
