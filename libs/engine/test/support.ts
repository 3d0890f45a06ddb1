import type { ConversationState, EnginePorts, Flow, StepResult, TurnInput } from '@zhishou/flow-schema';
import { step } from '../src';

export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

/** Runs inputs one after another, returning every step's result (state flows from one to the next). */
export async function converse(flow: Flow, ports: EnginePorts, inputs: TurnInput[], state: ConversationState | null = null): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let current = state;
  for (const input of inputs) {
    const result = await step(flow, current, input, ports, { now: NOW });
    results.push(result);
    current = result.state;
  }
  return results;
}

export function texts(result: StepResult): string[] {
  return result.replies.map((reply) => reply.text);
}

export function last<T>(items: readonly T[]): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('empty list');
  return item;
}
