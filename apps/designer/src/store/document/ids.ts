/** Next free id `<prefix>_<n>` (readable in a diff, stable once created). */
export function nextId(prefix: string, taken: ReadonlySet<string>): string {
  let n = 1;
  while (taken.has(`${prefix}_${n}`)) n += 1;
  return `${prefix}_${n}`;
}
