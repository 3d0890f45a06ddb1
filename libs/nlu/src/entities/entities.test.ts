import { describe, expect, it } from 'vitest';
import type { SlotType } from '@zhishou/flow-schema';
import {
  createEntityExtractor,
  extractCities,
  extractListValues,
  extractMoney,
  extractNumbers,
  extractOrderIds,
  extractPhones,
  extractRegex,
  extractTrackingNumbers,
  isOrderId,
} from './index';

const values = (slots: { value: string | number }[]) => slots.map((s) => s.value);

describe('extractNumbers', () => {
  it('reads digits, Chinese numerals and k/w with offsets in the original text', () => {
    const slots = extractNumbers('要２件，两百五一件，总共1.2k');
    expect(values(slots)).toEqual([2, 250, 1, 1200]);
    expect(slots[1]).toEqual({ type: 'number', value: 250, text: '两百五', start: 4, end: 7, source: 'rule' });
  });
});

describe('extractMoney', () => {
  it.each([
    ['¥300可以吗', 300, '¥300'],
    ['￥２００', 200, '￥２００'],
    ['三百块卖不', 300, '三百块'],
    ['我出两百五', 250, '两百五'],
    ['三百出', 300, '三百'],
    ['200包邮吗', 200, '200'],
    ['便宜到150行不', 150, '150'],
    ['1.2k出吗', 1200, '1.2k'],
    ['1w拿走', 10000, '1w'],
    ['300rmb', 300, '300rmb'],
    ['两百', 200, '两百'],
    ['280吧', 280, '280'],
    ['3块5', 3.5, '3块5'],
    ['两块五一个', 2.5, '两块五'],
  ])('%s → %d', (text, amount, span) => {
    const slots = extractMoney(text, 'price');
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatchObject({ type: 'price', value: amount, text: span });
  });

  it.each(['3天能到吗', '要2件', '穿42码', '95成新', '八五折', 'iphone13还在吗', '第二个', '看一下'])('is not money: %s', (text) => {
    expect(extractMoney(text)).toEqual([]);
  });
});

describe('extractPhones', () => {
  it('finds mobiles with +86, spaces and dashes', () => {
    expect(values(extractPhones('电话13812345678'))).toEqual(['13812345678']);
    expect(values(extractPhones('+86 138-1234-5678 打这个'))).toEqual(['13812345678']);
    expect(values(extractPhones('139 1234 5678'))).toEqual(['13912345678']);
  });

  it('ignores numbers that are too long or not mobiles', () => {
    expect(extractPhones('12812345678')).toEqual([]);
    expect(extractPhones('138123456789')).toEqual([]);
  });
});

describe('extractOrderIds', () => {
  it('reads XY-prefixed and bare 16–19 digit ids', () => {
    expect(values(extractOrderIds('订单号xy20261125000123'))).toEqual(['XY20261125000123']);
    expect(values(extractOrderIds('ＸＹ２０２６１１２５０００１２３'))).toEqual(['XY20261125000123']);
    expect(values(extractOrderIds('单号 3291847562019384756 查下'))).toEqual(['3291847562019384756']);
    expect(extractOrderIds('13812345678')).toEqual([]);
  });

  it('documents the format with isOrderId', () => {
    expect(isOrderId('XY20261125000123')).toBe(true);
    expect(isOrderId('1234')).toBe(false);
  });
});

describe('extractTrackingNumbers', () => {
  it('reads carrier-prefixed and plain waybills', () => {
    expect(values(extractTrackingNumbers('顺丰sf1234567890123'))).toEqual(['SF1234567890123']);
    expect(values(extractTrackingNumbers('圆通YT7654321098765到哪了'))).toEqual(['YT7654321098765']);
    expect(values(extractTrackingNumbers('JDVA12345678901'))).toEqual(['JDVA12345678901']);
    expect(values(extractTrackingNumbers('中通 75312345678901'))).toEqual(['75312345678901']);
    expect(values(extractTrackingNumbers('EMS单号EA123456789CN'))).toEqual(['EA123456789CN']);
  });
});

describe('extractCities', () => {
  it('finds cities with or without 市, longest first', () => {
    expect(values(extractCities('从杭州市发到乌鲁木齐要几天'))).toEqual(['杭州', '乌鲁木齐']);
    const [slot] = extractCities('发石家庄');
    expect(slot).toMatchObject({ value: '石家庄', start: 1, end: 4 });
  });
});

describe('regex and list slot types', () => {
  it('uses the first capture group when there is one', () => {
    expect(values(extractRegex('型号A1234呢', '[A-Z](\\d{4})', 'model'))).toEqual(['1234']);
    expect(values(extractRegex('SN: AB-99', '[A-Z]{2}-\\d+', 'sn'))).toEqual(['AB-99']);
  });

  it('ignores a pattern that does not compile', () => {
    expect(extractRegex('abc', '([', 'broken')).toEqual([]);
  });

  it('matches synonyms longest first, with Latin word boundaries', () => {
    const sizes = [{ value: 'XL', synonyms: ['加大'] }, { value: 'L' }, { value: 'M', synonyms: ['中码'] }];
    expect(values(extractListValues('有xl吗 或者L', sizes, 'size'))).toEqual(['XL', 'L']);
    expect(values(extractListValues('要中码', sizes, 'size'))).toEqual(['M']);
    expect(extractListValues('200ml', sizes, 'size')).toEqual([]);
    const colors = [{ value: '黑色', synonyms: ['黑', '暗夜黑', 'black'] }, { value: '深蓝', synonyms: ['藏青', '深蓝色'] }];
    expect(extractListValues('暗夜黑和藏青都要', colors, 'color').map((s) => [s.value, s.text])).toEqual([
      ['黑色', '暗夜黑'],
      ['深蓝', '藏青'],
    ]);
    expect(values(extractListValues('BLACK的', colors, 'color'))).toEqual(['黑色']);
  });
});

describe('createEntityExtractor', () => {
  const slotTypes: SlotType[] = [
    { key: 'price', kind: 'money' },
    { key: 'order_id', kind: 'order_id' },
    { key: 'mobile', kind: 'phone' },
    { key: 'color', kind: 'list', values: [{ value: '白色', synonyms: ['白'] }] },
    { key: 'serial', kind: 'regex', pattern: 'SN(\\d{6})' },
  ];
  const extractor = createEntityExtractor(slotTypes);

  it('emits each span under the kind name and every slot type of that kind', () => {
    const types = extractor.extract('我出300').map((s) => s.type);
    expect(types).toEqual(expect.arrayContaining(['number', 'money', 'price']));
  });

  it('does not report digits inside ids as numbers or money', () => {
    const slots = extractor.extract('订单XY20261125000123，电话13812345678');
    expect(slots.filter((s) => s.type === 'number' || s.type === 'money')).toEqual([]);
    expect(slots.find((s) => s.type === 'order_id')?.value).toBe('XY20261125000123');
    expect(slots.find((s) => s.type === 'mobile')?.value).toBe('13812345678');
  });

  it('prefers a phone over a plain waybill for +86 numbers', () => {
    const slots = extractor.extract('8613812345678');
    expect(slots.map((s) => s.type).sort()).toEqual(['mobile', 'phone']);
  });

  it('runs ops-defined list and regex types', () => {
    const slots = extractor.extract('白的 SN123456');
    expect(slots.map((s) => [s.type, s.value])).toEqual([
      ['color', '白色'],
      ['serial', '123456'],
    ]);
  });

  it('returns nothing for plain chit-chat', () => {
    expect(extractor.extract('亲 在吗')).toEqual([]);
  });
});

describe('slot types named like a built-in kind', () => {
  it('lets the bot\'s own type own the name (a city list shadows the built-in city kind)', () => {
    const extractor = createEntityExtractor([{ key: 'city', kind: 'list', values: [{ value: '杭州', synonyms: ['杭州市', '杭城'] }] }]);
    const cities = extractor.extract('寄到杭州市 或者杭城').filter((s) => s.type === 'city');
    expect(cities.map((s) => [s.value, s.text])).toEqual([
      ['杭州', '杭州市'],
      ['杭州', '杭城'],
    ]);
  });
});
