import { Empty, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TranscriptMessage } from '@zhishou/flow-schema';

const STYLE = {
  user: { alignSelf: 'flex-start', background: '#f5f5f5' },
  bot: { alignSelf: 'flex-end', background: '#fff7e6' },
  agent: { alignSelf: 'flex-end', background: '#e6f4ff' },
} as const;

/** The conversation so far: user on the left, bot and agent on the right. */
export function Transcript({ messages, loading }: { messages: TranscriptMessage[]; loading: boolean }) {
  const { t } = useTranslation();
  if (loading) return <Spin />;
  if (messages.length === 0) return <Empty description={t('inbox.noMessages')} />;
  return (
    <div data-testid="transcript" style={{ display: 'flex', flexDirection: 'column', gap: 6, maxHeight: 460, overflow: 'auto', padding: 4 }}>
      {messages.map((m) => (
        <div key={m.seq} style={{ ...STYLE[m.role], maxWidth: '75%', padding: '6px 10px', borderRadius: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {t(`inbox.roles.${m.role}`)}
          </Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{m.text}</div>
        </div>
      ))}
    </div>
  );
}
