import { parseConditionPath, type PathSegment } from '@zhishou/flow-schema';

/** Walks the segments; a missing step yields undefined, never an error, and never reads inherited properties. */
export function resolveSegments(value: unknown, segments: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * The path resolver handed to json-rules-engine instead of its JSONPath default: the safe subset
 * of `parseConditionPath`, with parsed paths memoised (paths come from a bounded set of documents).
 */
export function createPathResolver(maxCached = 5_000): (value: object, path: string) => unknown {
  const cache = new Map<string, PathSegment[] | undefined>();
  return (value, path) => {
    let segments = cache.get(path);
    if (segments === undefined && !cache.has(path)) {
      segments = parseConditionPath(path);
      if (cache.size >= maxCached) cache.clear();
      cache.set(path, segments);
    }
    return segments === undefined ? undefined : resolveSegments(value, segments);
  };
}
