import { describe, expect, it } from 'vitest';
import { createEmotionDetector, detectEmotion } from './index';

describe('detectEmotion', () => {
  it.each([
    ['你们就是骗子，我要投诉', 'angry'],
    ['什么垃圾东西！！！', 'angry'],
    ['！！！', 'angry'],
    ['怎么还没发货啊，急用', 'anxious'],
    ['快点回我？？', 'anxious'],
    ['有点失望，跟描述不符', 'negative'],
    ['不满意，给差评', 'negative'],
    ['谢谢老板，好评👍', 'positive'],
    ['很满意', 'positive'],
    ['在吗', 'neutral'],
    ['不急，慢慢来', 'neutral'],
    ['这个多少钱', 'neutral'],
    ['不太满意', 'negative'],
    ['没那么好用', 'negative'],
    ['有异味吗', 'neutral'],
  ])('%s → %s', (text, label) => {
    expect(detectEmotion(text).label).toBe(label);
  });

  it('scores stronger evidence higher', () => {
    expect(detectEmotion('骗子！！垃圾！！投诉你').score).toBeGreaterThan(detectEmotion('有点过分').score);
    const { score } = detectEmotion('好的');
    expect(score).toBeGreaterThan(0.5);
    expect(score).toBeLessThanOrEqual(1);
  });

  it('accepts a custom lexicon', () => {
    const detector = createEmotionDetector([{ phrase: '呵呵', label: 'angry', weight: 2 }]);
    expect(detector.detect('呵呵').label).toBe('angry');
    expect(detector.detect('骗子').label).toBe('neutral');
  });
});
