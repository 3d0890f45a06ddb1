/** Character n-grams of a string (by code point, so emoji stay whole), lengths min..max. */
export function charNgrams(text: string, min = 1, max = 3): string[] {
  const chars = [...text];
  const grams: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
  }
  return grams;
}

/** N-gram counts (by code point, like charNgrams), the usual input of a bag-of-n-grams vectoriser. */
export function countNgrams(text: string, min = 1, max = 3): Map<string, number> {
  const counts = new Map<string, number>();
  // Start offsets of code points: slicing between them never splits an emoji's surrogate pair.
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) starts.push(i);
  }
  starts.push(text.length);
  const points = starts.length - 1;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= points; i++) {
      const gram = text.slice(starts[i] as number, starts[i + n] as number);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}
