import type { ReactNode } from 'react';

/**
 * One line of summary on a canvas card, ellipsised with CSS. Cards render by the hundred, so this
 * stays a plain element (antd's measured ellipsis costs a layout per card).
 */
export function CardText({ children, muted }: { children: ReactNode; muted?: boolean }) {
  return (
    <div style={{ flex: 1, minWidth: 0, fontSize: 12, lineHeight: '18px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', color: muted ? 'rgba(0,0,0,0.45)' : undefined }}>
      {children}
    </div>
  );
}

/** A small tag on a card (a plain span for the same reason). */
export function CardTag({ children, color = '#595959', background = '#f5f5f5' }: { children: ReactNode; color?: string; background?: string }) {
  return (
    <span style={{ flex: 'none', fontSize: 10, lineHeight: '16px', padding: '0 4px', borderRadius: 4, color, background, border: '1px solid rgba(0,0,0,0.06)', whiteSpace: 'nowrap' }}>
      {children}
    </span>
  );
}
