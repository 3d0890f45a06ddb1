/** `exists`: the fact (at its path) has a value; null and undefined count as missing. The condition's value is ignored. */
export function exists(factValue: unknown): boolean {
  return factValue !== undefined && factValue !== null;
}

/** `notExists`: the fact (at its path) is missing, null or undefined. */
export function notExists(factValue: unknown): boolean {
  return !exists(factValue);
}
