import type { NodeConfig } from '@zhishou/flow-schema';

export const askDefaults = (): NodeConfig<'ask'> => ({
  slot: 'answer',
  prompt: ['请问您的问题是？'],
  reprompt: [],
  quickReplies: [],
  validation: {},
  maxAttempts: 2,
  skipIfFilled: true,
});
