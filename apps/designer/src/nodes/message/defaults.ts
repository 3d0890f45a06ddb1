import type { NodeConfig } from '@zhishou/flow-schema';

export const messageDefaults = (): NodeConfig<'message'> => ({ variants: ['您好，有什么可以帮您？'], quickReplies: [] });
