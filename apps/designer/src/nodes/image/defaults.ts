import type { NodeConfig } from '@zhishou/flow-schema';

export const imageDefaults = (): NodeConfig<'image'> => ({ saveAs: 'image' });
