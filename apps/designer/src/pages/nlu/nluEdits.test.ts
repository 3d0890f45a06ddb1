import { describe, expect, it } from 'vitest';
import { nluDataSchema } from '@zhishou/flow-schema';
import { formatListValues, parseListValues, regexProblem, removeIntent, setExamples, upsertIntent, upsertSlotType } from './nluEdits';

const base = nluDataSchema.parse({ intents: [{ key: 'greeting', name: '问候', examples: ['你好'] }] });

describe('NLU edits', () => {
  it('adds, renames and removes intents without touching the input', () => {
    const added = upsertIntent(base, { key: 'thanks', name: '感谢', examples: [], keywords: [] });
    expect(added.intents.map((i) => i.key)).toEqual(['greeting', 'thanks']);
    const renamed = upsertIntent(added, { key: 'hello', name: '问候', examples: ['你好'], keywords: [] }, 'greeting');
    expect(renamed.intents.map((i) => i.key)).toEqual(['hello', 'thanks']);
    expect(removeIntent(renamed, 'thanks').intents.map((i) => i.key)).toEqual(['hello']);
    expect(base.intents).toHaveLength(1);
  });

  it('replaces the examples of one intent', () => {
    expect(setExamples(base, 'greeting', ['在吗', '哈喽']).intents[0]?.examples).toEqual(['在吗', '哈喽']);
  });

  it('edits list slot types as "value, synonym" lines, both ways', () => {
    const values = parseListValues('顺丰, SF，顺丰快递\n\n圆通');
    expect(values).toEqual([{ value: '顺丰', synonyms: ['SF', '顺丰快递'] }, { value: '圆通', synonyms: [] }]);
    expect(formatListValues(values)).toBe('顺丰, SF, 顺丰快递\n圆通');
    const withType = upsertSlotType(base, { key: 'courier', kind: 'list', values });
    expect(withType.slotTypes[0]?.values?.[0]?.synonyms).toEqual(['SF', '顺丰快递']);
  });

  it('reports a broken regex in words', () => {
    expect(regexProblem('^\\d{4}$')).toBeNull();
    expect(regexProblem('([a-z')).toMatch(/regular expression|unterminated/i);
  });
});
