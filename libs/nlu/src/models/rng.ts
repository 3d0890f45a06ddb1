// One deterministic PRNG (mulberry32) for every trainer: the neural library's.
export { createRng } from '@zhishou/neural';

/** In-place Fisher–Yates shuffle. */
export function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}
