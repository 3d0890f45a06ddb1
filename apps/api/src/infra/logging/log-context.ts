import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line of the current request (or job) carries. */
export interface LogContext {
  requestId?: string;
  conversationId?: string;
  botKey?: string;
  jobId?: string;
  job?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with its own log context; nested calls inherit the outer fields. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** Adds fields (e.g. the conversation id once a handler knows it) to the current context. */
export function setLogContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, fields);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
