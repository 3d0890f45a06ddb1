import type { NodeConfig } from '@zhishou/flow-schema';

export const listenDefaults = (): NodeConfig<'listen'> => ({ prompt: [], quickReplies: [], noMatch: [] });
