import { describe, expect, it } from 'vitest';
import { parseSlotMarkup, toTaggedSentence } from './corpus';
import { parseDelimited } from './datasets';

describe('corpus readers', () => {
  it('parses [value](type) markup into text and UTF-16 spans', () => {
    expect(parseSlotMarkup('😊[两百五](price)包邮到[杭州](city)行不')).toEqual({
      text: '😊两百五包邮到杭州行不',
      spans: [
        { type: 'price', start: 2, end: 5 },
        { type: 'city', start: 8, end: 10 },
      ],
    });
  });

  it('tags one BIO label per code point', () => {
    const { text, spans } = parseSlotMarkup('😊[L码](size)');
    expect(toTaggedSentence(text, spans)).toEqual({ chars: ['😊', 'L', '码'], tags: ['O', 'B-size', 'I-size'], hints: undefined });
  });

  it('reads quoted CSV fields with separators, quotes and newlines', () => {
    expect(parseDelimited('label,review\n1,"好,很好 ""赞""\n第二行"\n0,差\n', ',')).toEqual([
      ['label', 'review'],
      ['1', '好,很好 "赞"\n第二行'],
      ['0', '差'],
    ]);
  });
});
