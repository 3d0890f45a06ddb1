export { step, type StepOptions } from './step';
export { initialState, isFilled } from './state';
export { renderTemplate, renderValue, templateScope, chooseVariant, stableHash, type TemplateScope, type TemplateEncoding } from './template';
export { timerId } from './handlers/wait';
export { NODE_HANDLERS } from './handlers/registry';
export type { NodeHandler, Outcome } from './handlers/types';
export type { RunContext } from './context';
// The port contract lives in @zhishou/flow-schema (so fakes and adapters need not import the engine).
export {
  PortNotConfiguredError,
  isPortNotConfigured,
  type EnginePorts,
  type HttpPort,
  type HttpRequest,
  type HttpResponse,
  type KnowledgePort,
  type KnowledgeAnswer,
  type ImagePort,
  type FlowResolver,
} from '@zhishou/flow-schema';
export { replayTestCase, describeFailures, REPLAY_START, type ReplayOptions, type ReplayResult, type ReplayTurnResult, type ReplayFailure } from './replay';
