import type { NodeConfig } from '@zhishou/flow-schema';

export const faqDefaults = (): NodeConfig<'faq'> => ({ threshold: 0.6 });
