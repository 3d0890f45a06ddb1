import { describe, expect, it } from 'vitest';
import { canonicalizeSlang, charNgrams, countNgrams, findNumerals, foldText, formatAnnotated, matchKey, normalizeText, parseAnnotated, parseDiscount, parseNumeral, toBio, toHalfWidth, toSimplified } from './index';

describe('folding', () => {
  it('turns full-width ASCII and the ideographic space into half-width', () => {
    expect(toHalfWidth('ＸＹ１２３　ａｂ！￥')).toBe('XY123 ab!¥');
  });

  it('maps common traditional characters to simplified ones', () => {
    expect(toSimplified('這個還在賣嗎？價錢多少')).toBe('这个还在卖吗？价钱多少');
  });

  it('keeps the length so offsets stay valid', () => {
    const text = 'ＩＰＨＯＮＥ　１３ 還有嗎😀';
    expect(foldText(text)).toHaveLength(text.length);
    expect(foldText(text)).toBe('iphone 13 还有吗😀');
  });

  it('collapses spaces but keeps punctuation in normalizeText', () => {
    expect(normalizeText('  亲，   在吗？？ ')).toBe('亲, 在吗??');
  });

  it('builds match keys without punctuation, spaces or emoji', () => {
    expect(matchKey('亲，在吗？😊')).toBe('亲在吗');
    expect(matchKey('在 吗!!')).toBe(matchKey('在吗'));
    expect(matchKey('👍')).toBe('👍');
  });
});

describe('numerals', () => {
  it.each([
    ['300', 300],
    ['两百五', 250],
    ['三千二', 3200],
    ['一万二', 12000],
    ['一万二千', 12000],
    ['1.2k', 1200],
    ['1w', 10000],
    ['1.5万', 15000],
    ['2千', 2000],
    ['2千5', 2500],
    ['十五', 15],
    ['二十', 20],
    ['三百五十', 350],
    ['一百零五', 105],
    ['一千零五十', 1050],
    ['两千二百五', 2250],
    ['八百', 800],
  ])('parses %s as %d', (text, value) => {
    expect(parseNumeral(text)).toBe(value);
  });

  it.each(['十', '千万', '万一', '', 'abc'])('rejects %s', (text) => {
    expect(parseNumeral(text)).toBeNull();
  });

  it('finds numerals with offsets and skips idiomatic 一', () => {
    const spans = findNumerals(foldText('看一下，三百块能出吗 或者2千5'));
    expect(spans.map((s) => [s.text, s.value, s.start])).toEqual([
      ['三百', 300, 4],
      ['2千5', 2500, 13],
    ]);
  });

  it('does not read 3kg as 3000', () => {
    expect(findNumerals('3kg').map((s) => s.value)).toEqual([3]);
  });

  it('reads discounts', () => {
    expect(parseDiscount('八五折')).toBe(0.85);
    expect(parseDiscount('85折')).toBe(0.85);
    expect(parseDiscount('9折')).toBe(0.9);
    expect(parseDiscount('9.5折')).toBe(0.95);
    expect(parseDiscount('便宜点')).toBeNull();
  });
});

describe('n-grams', () => {
  it('lists 1..3-grams by code point', () => {
    expect(charNgrams('在吗😀', 1, 2)).toEqual(['在', '吗', '😀', '在吗', '吗😀']);
    expect(countNgrams('哈哈', 1, 1).get('哈')).toBe(2);
  });
});

describe('slot annotations', () => {
  it('parses inline spans with offsets into the plain text', () => {
    const parsed = parseAnnotated('我出[300](price)包邮到[杭州](city)吗');
    expect(parsed.text).toBe('我出300包邮到杭州吗');
    expect(parsed.spans).toEqual([
      { label: 'price', text: '300', start: 2, end: 5 },
      { label: 'city', text: '杭州', start: 8, end: 10 },
    ]);
    expect(formatAnnotated(parsed)).toBe('我出[300](price)包邮到[杭州](city)吗');
    expect(toBio(parsed)).toEqual(['O', 'O', 'B-price', 'I-price', 'I-price', 'O', 'O', 'O', 'B-city', 'I-city', 'O']);
  });

  it('accepts lines without spans and rejects stray brackets', () => {
    expect(parseAnnotated('在吗')).toEqual({ text: '在吗', spans: [] });
    expect(() => parseAnnotated('我出[300]包邮')).toThrow(/unbalanced/);
  });
});

describe('canonicalizeSlang', () => {
  it('standardises colloquial spellings without touching standard text', () => {
    expect(canonicalizeSlang('咋样 啥时候发 木有 好滴')).toBe('怎么样 什么时候发 没有 好的');
    expect(canonicalizeSlang('什么时候发货')).toBe('什么时候发货');
  });
});
