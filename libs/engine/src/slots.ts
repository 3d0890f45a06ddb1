import { compileLinearRegex, type ExtractedSlot, type Flow, type JsonValue, type NodeConfig, type SlotDeclaration } from '@zhishou/flow-schema';
import type { MessageInput, RunContext } from './context';

/**
 * The value a message gives a slot: the whole text for kind `text`, else the first extracted entity
 * whose type equals the slot declaration's type.
 */
export function slotValueFrom(message: MessageInput, declaration: Pick<SlotDeclaration, 'type'>): JsonValue | undefined {
  if (declaration.type === 'text') {
    const text = message.text.trim();
    return text === '' ? undefined : text;
  }
  const found: ExtractedSlot | undefined = message.nlu.slots.find((slot) => slot.type === declaration.type);
  return found?.value;
}

export function slotDeclaration(flow: Flow, key: string): Pick<SlotDeclaration, 'type'> {
  return flow.slots.find((slot) => slot.key === key) ?? { type: 'text' };
}

/** Validation of an ask node: regex over the text form, min / max over the numeric value. */
export function isValidSlotValue(value: JsonValue | undefined, validation: NodeConfig<'ask'>['validation']): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (validation.regex !== undefined) {
    // Linear time: the pattern is ops data and the value is the buyer's text.
    const compiled = compileLinearRegex(validation.regex);
    if (!compiled.ok || !compiled.regex.test(typeof value === 'string' ? value : JSON.stringify(value))) return false;
  }
  if (validation.min !== undefined || validation.max !== undefined) {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) return false;
    if (validation.min !== undefined && number < validation.min) return false;
    if (validation.max !== undefined && number > validation.max) return false;
  }
  return true;
}

/**
 * Takes this turn's message. Entities in it fill the current flow's declared (non-text) slots, so a
 * price said while bargaining starts is not asked again; `except` is the slot an ask node fills itself
 * (with validation).
 */
export function consumeMessage(ctx: RunContext, except?: string): MessageInput | null {
  const message = ctx.pending;
  ctx.pending = null;
  if (!message) return null;
  for (const declaration of ctx.flow.slots) {
    if (declaration.type === 'text' || declaration.key === except) continue;
    const value = slotValueFrom(message, declaration);
    if (value !== undefined) ctx.state.slots[declaration.key] = value;
  }
  return message;
}
