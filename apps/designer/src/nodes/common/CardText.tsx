import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** One or two lines of summary on a canvas card, ellipsised. */
export function CardText({ children, muted }: { children: ReactNode; muted?: boolean }) {
  return (
    <Typography.Paragraph type={muted ? 'secondary' : undefined} ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 12, lineHeight: '18px', flex: 1, minWidth: 0 }}>
      {children}
    </Typography.Paragraph>
  );
}
