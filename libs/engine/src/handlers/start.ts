import type { NodeHandler } from './types';

export const startHandler: NodeHandler<'start'> = {
  enter: async () => ({ type: 'handle', handle: 'out' }),
};
