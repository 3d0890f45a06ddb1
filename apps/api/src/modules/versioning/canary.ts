import { createHash } from 'node:crypto';
import type { ReleasePointer } from './versioning.types';

/** Stable bucket 0–99 for a conversation id, so a conversation always lands on the same side of a canary. */
export function canaryBucket(conversationId: string): number {
  return createHash('sha1').update(conversationId).digest().readUInt32BE(0) % 100;
}

/** The version a new conversation starts on: the canary for `percent`% of conversation ids, else live. */
export function pickVersion(
  release: { live: number | null; canary: number | null; canaryPercent: number },
  conversationId: string,
): number | null {
  if (release.canary !== null && release.canaryPercent > 0 && canaryBucket(conversationId) < release.canaryPercent) return release.canary;
  return release.live;
}


/**
 * The pins of a conversation that starts now: for every pointer, live or (sticky, by `conversationKey`)
 * canary. Each kind and key draws its own bucket, so a flow canary and a model canary split independently.
 */
export function pickPins(pointers: readonly ReleasePointer[], conversationKey: string): Record<string, Record<string, number>> {
  const pins: Record<string, Record<string, number>> = {};
  for (const p of pointers) {
    // Flows keep their historical bucket (the conversation key alone) so running canaries keep their arms.
    const v = pickVersion(p, p.kind === 'flow' ? conversationKey : `${conversationKey}:${p.kind}:${p.key}`);
    if (v !== null) (pins[p.kind] ??= {})[p.key] = v;
  }
  return pins;
}
