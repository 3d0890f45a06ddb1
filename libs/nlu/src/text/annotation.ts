// The inline slot annotation format of models/<bot>/corpus/slots*.txt: `我出[300](price)包邮到[杭州](city)吗`.
// A span is `[text](label)`; text may not contain brackets; labels are slot-type keys.

export interface AnnotatedSpan {
  label: string;
  text: string;
  start: number;
  end: number;
}

export interface AnnotatedUtterance {
  text: string;
  spans: AnnotatedSpan[];
}

const SPAN = /\[([^[\]()]+)\]\(([A-Za-z_][A-Za-z0-9_]*)\)/g;

/** Parses one annotated line; throws on stray brackets so a broken corpus fails loudly. */
export function parseAnnotated(line: string): AnnotatedUtterance {
  let text = '';
  const spans: AnnotatedSpan[] = [];
  let last = 0;
  for (const match of line.matchAll(SPAN)) {
    text += line.slice(last, match.index);
    const spanText = match[1] as string;
    spans.push({ label: match[2] as string, text: spanText, start: text.length, end: text.length + spanText.length });
    text += spanText;
    last = match.index + match[0].length;
  }
  text += line.slice(last);
  if (/[[\]]/.test(text)) throw new Error(`unbalanced annotation: ${line}`);
  return { text, spans };
}

/** The inverse of parseAnnotated. */
export function formatAnnotated({ text, spans }: AnnotatedUtterance): string {
  let out = '';
  let last = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    out += `${text.slice(last, span.start)}[${text.slice(span.start, span.end)}](${span.label})`;
    last = span.end;
  }
  return out + text.slice(last);
}

/** Character-level BIO tags (one per UTF-16 unit, like the offsets). */
export function toBio({ text, spans }: AnnotatedUtterance): string[] {
  const tags: string[] = Array.from({ length: text.length }, () => 'O');
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) tags[i] = i === span.start ? `B-${span.label}` : `I-${span.label}`;
  }
  return tags;
}
