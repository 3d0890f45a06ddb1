/** FNV-1a over UTF-16 code units: fast, stable across runs and platforms, so train and serve agree. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Maps a feature string into [1, buckets). Bucket 0 is reserved for padding, whose weights stay zero,
 * so padded positions in the exported ONNX graph contribute nothing.
 */
export function bucketOf(feature: string, buckets: number): number {
  return 1 + (fnv1a(feature) % (buckets - 1));
}
