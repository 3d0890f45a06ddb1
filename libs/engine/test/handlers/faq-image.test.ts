import { fakeImage, fakeKnowledge, flowBuilder, messageInput, testPorts } from '@zhishou/testing';
import { describe, expect, it } from 'vitest';
import { converse, texts } from '../support';

const faqFlow = flowBuilder()
  .start()
  .listen('l')
  .faq('faq', { threshold: 0.6, saveAs: 'faq' })
  .message('none', '这个问题我帮您问问卖家')
  .chain('start', 'l', 'faq', 'l')
  .edge('faq', 'none', { handle: 'no_answer' })
  .edge('none', 'l')
  .build();

const imageFlow = flowBuilder()
  .start()
  .listen('l')
  .image('img', 'photo')
  .message('seen', '看到了，是{{vars.photo.color}}的{{vars.photo.category}}')
  .message('unseen', '图片没看清，能再发一次吗？')
  .chain('start', 'l', 'img', 'seen', 'l')
  .edge('img', 'unseen', { handle: 'error' })
  .edge('unseen', 'l')
  .build();

describe('faq node', () => {
  it('answers from the knowledge base with the asked text', async () => {
    const knowledge = fakeKnowledge([{ question: '支持七天无理由吗', answer: '支持七天无理由退货' }]);
    const [result] = await converse(faqFlow, testPorts({ knowledge }), [messageInput('支持七天无理由退货吗', 'return_policy')]);
    expect(texts(result!)).toEqual(['支持七天无理由退货']);
    expect(knowledge.questions).toEqual(['支持七天无理由退货吗']);
    expect(result!.state.vars.faq).toEqual({ answer: '支持七天无理由退货', score: 1 });
  });

  it('takes no_answer below the threshold', async () => {
    const knowledge = fakeKnowledge([{ question: '支持七天无理由吗', answer: '支持' }]);
    const [result] = await converse(faqFlow, testPorts({ knowledge }), [messageInput('电池怎么样', 'ask_condition')]);
    expect(texts(result!)).toEqual(['这个问题我帮您问问卖家']);
  });

  it('takes no_answer and says why when no knowledge base is configured', async () => {
    const [result] = await converse(faqFlow, testPorts(), [messageInput('电池怎么样', 'ask_condition')]);
    expect(texts(result!)).toEqual(['这个问题我帮您问问卖家']);
    expect(result!.trace).toContainEqual(expect.objectContaining({ nodeId: 'faq', event: 'error', detail: 'knowledge base not configured' }));
  });
});

describe('image node', () => {
  it('saves the attributes of the image in this message', async () => {
    const image = fakeImage({ 'img-7': { category: '外套', color: '红色' } });
    const [result] = await converse(imageFlow, testPorts({ image }), [messageInput('这件', 'ask_details', { imageRef: 'img-7' })]);
    expect(texts(result!)).toEqual(['看到了，是红色的外套']);
  });

  it('takes error without an image, and when the image model is not configured', async () => {
    const [noImage] = await converse(imageFlow, testPorts({ image: fakeImage({}) }), [messageInput('这件', 'ask_details')]);
    expect(texts(noImage!)).toEqual(['图片没看清，能再发一次吗？']);
    expect(noImage!.trace).toContainEqual(expect.objectContaining({ event: 'error', detail: 'no image in this message' }));
    const [notConfigured] = await converse(imageFlow, testPorts(), [messageInput('这件', 'ask_details', { imageRef: 'img-7' })]);
    expect(texts(notConfigured!)).toEqual(['图片没看清，能再发一次吗？']);
    expect(notConfigured!.trace).toContainEqual(expect.objectContaining({ event: 'error', detail: 'image model not configured' }));
  });
});
