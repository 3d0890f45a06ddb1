import { describe, expect, it } from 'vitest';
import { nluDataSchema, nluResultSchema } from '@zhishou/flow-schema';
import { createBaselineNlu, createExampleIndex } from './index';

const data = nluDataSchema.parse({
  intents: [
    { key: 'greeting', name: '打招呼', examples: ['在吗', '你好', '亲在不在', '老板在吗'], keywords: ['在吗'] },
    { key: 'bargain', name: '砍价', examples: ['能便宜点吗', '200包邮吗', '最低多少钱', '少一点可以吗'], keywords: ['便宜', '最低'] },
    { key: 'ask_shipping_fee', name: '运费', examples: ['包邮吗', '运费多少', '邮费谁出', '偏远地区包邮吗'], keywords: ['运费', '邮费'] },
    { key: 'out_of_scope', name: '无关', examples: ['今天天气怎么样', '你是机器人吗', '讲个笑话'] },
  ],
  slotTypes: [{ key: 'price', kind: 'money' }],
});

describe('createBaselineNlu', () => {
  const nlu = createBaselineNlu(data);

  it('matches a normalised example exactly with confidence 1', () => {
    const result = nlu.analyze('在吗？？😊');
    expect(result.intent).toEqual({ intent: 'greeting', confidence: 1, source: 'example' });
    expect(result.model).toBe('baseline');
    expect(() => nluResultSchema.parse(result)).not.toThrow();
  });

  it('lands paraphrases on the right intent by similarity', () => {
    expect(nlu.analyze('能不能便宜一点').intent.intent).toBe('bargain');
    expect(nlu.analyze('运费多少钱呀').intent.intent).toBe('ask_shipping_fee');
    expect(nlu.analyze('300包邮吗').intent.intent).toBe('bargain');
  });

  it('ranks top-k intents best first with confidences in [0, 1]', () => {
    const { intents } = nlu.analyze('邮费多少');
    expect(intents[0]?.intent).toBe('ask_shipping_fee');
    for (let i = 1; i < intents.length; i++) expect(intents[i - 1]!.confidence).toBeGreaterThanOrEqual(intents[i]!.confidence);
    for (const score of intents) expect(score.confidence).toBeGreaterThanOrEqual(0);
  });

  it('reports out_of_scope below the threshold', () => {
    const result = nlu.analyze('量子力学的薛定谔方程');
    expect(result.intent.intent).toBe('out_of_scope');
    expect(result.intent.source).toBe('threshold');
  });

  it('extracts slots and emotion on the same pass', () => {
    const result = nlu.analyze('我出200行不行，谢谢');
    expect(result.slots.find((s) => s.type === 'price')?.value).toBe(200);
    expect(result.emotion.label).toBe('positive');
  });

  it('handles empty text and empty data', () => {
    expect(nlu.analyze('').intent.intent).toBe('out_of_scope');
    const empty = createBaselineNlu(nluDataSchema.parse({}));
    expect(empty.analyze('你好').intent.intent).toBe('out_of_scope');
  });
});

describe('createExampleIndex', () => {
  it('keeps the first intent for an example shared by two intents', () => {
    const index = createExampleIndex({
      intents: [
        { key: 'a', name: 'A', examples: ['好的'], keywords: [] },
        { key: 'b', name: 'B', examples: ['好的!'], keywords: [] },
      ],
    });
    expect(index.lookup('好的')).toBe('a');
    expect(index.lookup('不好')).toBeUndefined();
  });
});

describe('robustness on arbitrary input', () => {
  const nlu = createBaselineNlu(data);
  const pools = ['在吗便宜包邮运费还有两百五三千二一万块元出', '0123456789.kKwW', 'abcXYZ ', '，。！？!?~…【】[]()', '😀👍😡🙏❤️', 'ＡＢＣ１２３　￥', '\ud83d', 'SFYTJDxy'];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const randomText = () => {
    let text = '';
    const length = Math.floor(random() * 40);
    for (let i = 0; i < length; i++) {
      const pool = pools[Math.floor(random() * pools.length)] as string;
      text += pool[Math.floor(random() * pool.length)];
    }
    return text;
  };

  it('never throws and always returns a schema-valid result with slots pointing into the text', () => {
    for (let i = 0; i < 2000; i++) {
      const text = randomText();
      const result = nlu.analyze(text);
      expect(() => nluResultSchema.parse(result), text).not.toThrow();
      for (const slot of result.slots) expect(text.slice(slot.start, slot.end), text).toBe(slot.text);
    }
  });
});
