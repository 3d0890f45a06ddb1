/** Character n-grams of a string (by code point, so emoji stay whole), lengths min..max. */
export function charNgrams(text: string, min = 1, max = 3): string[] {
  const chars = [...text];
  const grams: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
  }
  return grams;
}

/** N-gram counts, the usual input of a bag-of-n-grams vectoriser. */
export function countNgrams(text: string, min = 1, max = 3): Map<string, number> {
  const counts = new Map<string, number>();
  for (const gram of charNgrams(text, min, max)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  return counts;
}
