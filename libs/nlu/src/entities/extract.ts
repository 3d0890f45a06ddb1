import type { EntityKind, ExtractedSlot, SlotType } from '@zhishou/flow-schema';
import { foldText } from '../text';
import { findCities } from './cities';
import { createListFinder } from './list';
import { findMoney } from './money';
import { findNumbers } from './number';
import { findOrderIds } from './order-id';
import { findPhones } from './phone';
import { createRegexFinder } from './regex';
import { overlaps, toSlot, type EntitySpan } from './span';
import { findDigitTracking, findPrefixedTracking } from './tracking';

/** Built-in kinds whose slots are always emitted under the kind's own name as well. */
export const BUILT_IN_KINDS = ['number', 'money', 'phone', 'order_id', 'tracking_no', 'city'] as const;
type BuiltInKind = (typeof BUILT_IN_KINDS)[number];

export interface EntityExtractor {
  extract(text: string): ExtractedSlot[];
}

interface IdSpan extends EntitySpan {
  kind: 'order_id' | 'phone' | 'tracking_no';
  rank: number;
}

// Ids compete for the same digits: a carrier prefix is the strongest evidence, then the order-id
// shape, then a phone, then a plain 12–15 digit waybill.
function resolveIds(folded: string): IdSpan[] {
  const candidates: IdSpan[] = [
    ...findPrefixedTracking(folded).map((s) => ({ ...s, kind: 'tracking_no' as const, rank: 4 })),
    ...findOrderIds(folded).map((s) => ({ ...s, kind: 'order_id' as const, rank: 3 })),
    ...findPhones(folded).map((s) => ({ ...s, kind: 'phone' as const, rank: 2 })),
    ...findDigitTracking(folded).map((s) => ({ ...s, kind: 'tracking_no' as const, rank: 1 })),
  ].sort((a, b) => b.rank - a.rank || b.end - b.start - (a.end - a.start));
  const kept: IdSpan[] = [];
  for (const candidate of candidates) if (!kept.some((k) => overlaps(k, candidate))) kept.push(candidate);
  return kept;
}

// A bot may name a slot type like a built-in kind (a `city` list): then its own type owns that name.
function typesOfKind(slotTypes: readonly SlotType[], kind: EntityKind): string[] {
  const shadowed = slotTypes.some((t) => t.key === kind && t.kind !== kind);
  return [...new Set([...(shadowed ? [] : [kind]), ...slotTypes.filter((t) => t.kind === kind).map((t) => t.key)])];
}

/**
 * One extractor for a bot: built-in kinds (number, money, phone, order id, tracking number, city)
 * plus the bot's `regex` and `list` slot types, compiled once. Every span is emitted once per output
 * type: the built-in kind name and each slot-type key of that kind (a money span → `money` and
 * `price`). Numbers inside ids are dropped.
 */
export function createEntityExtractor(slotTypes: readonly SlotType[] = []): EntityExtractor {
  const outputs = Object.fromEntries(BUILT_IN_KINDS.map((kind) => [kind, typesOfKind(slotTypes, kind)])) as Record<BuiltInKind, string[]>;
  const custom = slotTypes.flatMap((slotType) => {
    if (slotType.kind === 'list' && slotType.values?.length) {
      const find = createListFinder(slotType.values);
      return [{ key: slotType.key, find: (_text: string, folded: string) => find(folded) }];
    }
    if (slotType.kind === 'regex' && slotType.pattern) {
      const find = createRegexFinder(slotType.pattern);
      return find ? [{ key: slotType.key, find: (text: string) => find(text) }] : [];
    }
    return [];
  });

  return {
    extract(text) {
      const folded = foldText(text);
      const ids = resolveIds(folded);
      const outsideIds = (span: EntitySpan) => !ids.some((id) => overlaps(id, span));
      const found: Array<[readonly string[], EntitySpan[]]> = [
        [outputs.number, findNumbers(folded).filter(outsideIds)],
        [outputs.money, findMoney(folded).filter(outsideIds)],
        [outputs.phone, ids.filter((s) => s.kind === 'phone')],
        [outputs.order_id, ids.filter((s) => s.kind === 'order_id')],
        [outputs.tracking_no, ids.filter((s) => s.kind === 'tracking_no')],
        [outputs.city, findCities(folded)],
        ...custom.map(({ key, find }): [readonly string[], EntitySpan[]] => [[key], find(text, folded)]),
      ];
      const slots: ExtractedSlot[] = [];
      for (const [types, spans] of found) {
        for (const span of spans) for (const type of types) slots.push(toSlot({ value: span.value, start: span.start, end: span.end }, type, text));
      }
      return slots.sort((a, b) => a.start - b.start || a.end - b.end);
    },
  };
}
