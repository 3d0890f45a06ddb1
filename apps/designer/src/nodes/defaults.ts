import type { NodeConfig, NodeKind } from '@zhishou/flow-schema';
import { askDefaults } from './ask/defaults';
import { conditionDefaults } from './condition/defaults';
import { endDefaults } from './end/defaults';
import { faqDefaults } from './faq/defaults';
import { handoffDefaults } from './handoff/defaults';
import { httpDefaults } from './http/defaults';
import { imageDefaults } from './image/defaults';
import { listenDefaults } from './listen/defaults';
import { messageDefaults } from './message/defaults';
import { setDefaults } from './set/defaults';
import { startDefaults } from './start/defaults';
import { subflowDefaults } from './subflow/defaults';
import { waitDefaults } from './wait/defaults';

/** Default config per kind: pure data (no React), so the store and its tests can use it. */
export const NODE_DEFAULTS: { [K in NodeKind]: () => NodeConfig<K> } = {
  start: startDefaults,
  message: messageDefaults,
  ask: askDefaults,
  listen: listenDefaults,
  condition: conditionDefaults,
  http: httpDefaults,
  faq: faqDefaults,
  image: imageDefaults,
  set: setDefaults,
  wait: waitDefaults,
  handoff: handoffDefaults,
  subflow: subflowDefaults,
  end: endDefaults,
};
