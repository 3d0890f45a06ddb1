import { describe, expect, it } from 'vitest';
import { findNluWarnings, normaliseExample, parseBulkExamples } from './nluWarnings';

const intent = (key: string, examples: string[]) => ({ key, name: key, examples, keywords: [] });

describe('NLU warnings', () => {
  it('flags intents with too few examples, but not out_of_scope', () => {
    const warnings = findNluWarnings({ intents: [intent('greeting', ['你好', '在吗']), intent('out_of_scope', []), intent('thanks', ['谢谢', '多谢', '感谢', '谢啦', 'thx'])] });
    expect(warnings).toEqual([{ code: 'too_few_examples', intent: 'greeting', count: 2, min: 5 }]);
  });

  it('flags the same example under two intents even when written differently', () => {
    const warnings = findNluWarnings({ intents: [intent('bargain', ['能便宜点吗 ', 'ＯＫ']), intent('confirm', ['ok', '好的'])] }, 1);
    expect(warnings).toEqual([{ code: 'duplicate_example', example: 'ＯＫ', intents: ['bargain', 'confirm'] }]);
  });

  it('does not flag a repeated example inside one intent as a cross-intent duplicate', () => {
    expect(findNluWarnings({ intents: [intent('a', ['x', 'X'])] }, 1)).toEqual([]);
  });

  it('normalises width, case and spaces', () => {
    expect(normaliseExample('  Ｈｅｌｌｏ\u3000 World ')).toBe('hello world');
  });

  it('parses a bulk paste: one per line, blanks and repeats dropped', () => {
    expect(parseBulkExamples('还在吗\n\n  在不在 \r\n还在吗\n有货吗', ['有货吗'])).toEqual(['还在吗', '在不在']);
  });
});
