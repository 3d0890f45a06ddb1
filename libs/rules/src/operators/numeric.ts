/** A number from a number or a numeric string (ops' facts often arrive as strings, e.g. "12.50"). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** True when min ≤ fact ≤ max (inclusive); the value is `[min, max]`. */
export function between(factValue: unknown, range: unknown): boolean {
  if (!isRange(range)) return false;
  const n = toNumber(factValue);
  return n !== undefined && n >= range[0] && n <= range[1];
}

export function isRange(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    value[0] <= value[1]
  );
}
