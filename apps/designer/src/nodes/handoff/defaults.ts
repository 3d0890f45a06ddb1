import type { NodeConfig } from '@zhishou/flow-schema';

export const handoffDefaults = (): NodeConfig<'handoff'> => ({
  queue: 'default',
  priority: 'normal',
  message: ['正在为您转接人工客服，请稍候。'],
});
