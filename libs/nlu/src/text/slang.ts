// Colloquial and internet spellings → the standard form, for matching only (it changes lengths, so
// never use it where offsets matter). Longest first; deliberately small and unambiguous.
const SLANG: ReadonlyArray<readonly [string, string]> = [
  ['肿么', '怎么'],
  ['神马', '什么'],
  ['木有', '没有'],
  ['米有', '没有'],
  ['酱紫', '这样子'],
  ['咋样', '怎么样'],
  ['咋办', '怎么办'],
  ['为啥', '为什么'],
  ['啥', '什么'],
  ['咋', '怎么'],
  ['好滴', '好的'],
  ['是滴', '是的'],
  ['对滴', '对的'],
  ['在么', '在吗'],
  ['好么', '好吗'],
  ['行么', '行吗'],
  ['可以么', '可以吗'],
  ['阔以', '可以'],
  ['表酱', '不要这样'],
];

const PATTERN = new RegExp(SLANG.map(([from]) => from).sort((a, b) => b.length - a.length).join('|'), 'g');
const TABLE = new Map(SLANG);

export function canonicalizeSlang(folded: string): string {
  return folded.replace(PATTERN, (match) => TABLE.get(match) ?? match);
}
