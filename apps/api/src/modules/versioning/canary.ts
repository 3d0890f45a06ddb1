import { createHash } from 'node:crypto';

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
