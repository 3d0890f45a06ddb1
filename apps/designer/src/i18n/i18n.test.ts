import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };

function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

function lookup(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(leafKeys(en as Tree).sort()).toEqual(leafKeys(zhCN as Tree).sort());
  });

  it('every text is non-empty and both languages use the same interpolation variables', () => {
    for (const key of leafKeys(zhCN as Tree)) {
      const zh = lookup(zhCN as Tree, key) ?? '';
      const english = lookup(en as Tree, key) ?? '';
      expect(zh.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(zh));
    }
  });
});
