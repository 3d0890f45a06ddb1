import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { topIntents, type ChatTurn } from './chatLog';

/** A value in one line, cut short (the tooltip has all of it). */
function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const EMOTION_COLORS = { positive: 'green', neutral: 'default', anxious: 'gold', negative: 'orange', angry: 'red' } as const;

/** Under each turn: top-3 intents with confidence, extracted slots, emotion, where the flow now is. */
export function TurnDetails({ turn }: { turn: ChatTurn }) {
  const { t } = useTranslation();
  const nlu = turn.nlu;
  const slots = Object.entries(turn.slots);
  const vars = Object.entries(turn.vars);
  return (
    <div data-testid="turn-details" style={{ fontSize: 12, padding: '4px 8px', background: '#fafafa', borderRadius: 6 }}>
      {nlu && (
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t('testChat.intents')}</Typography.Text>
          {topIntents(nlu).map((i, index) => (
            <Tag key={i.intent} color={index === 0 ? 'blue' : undefined} data-testid="turn-intent">
              {i.intent} {(i.confidence * 100).toFixed(0)}%
            </Tag>
          ))}
        </Space>
      )}
      {nlu && (
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t('testChat.emotion')}</Typography.Text>
          <Tag color={EMOTION_COLORS[nlu.emotion.label]}>
            {t(`testChat.emotions.${nlu.emotion.label}`)} {(nlu.emotion.score * 100).toFixed(0)}%
          </Tag>
          {nlu.model && <Typography.Text type="secondary">· {nlu.model}</Typography.Text>}
        </Space>
      )}
      {nlu && nlu.slots.length > 0 && (
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t('testChat.extracted')}</Typography.Text>
          {nlu.slots.map((s) => (
            <Tag key={`${s.type}-${s.start}`}>
              {s.type}={String(s.value)}
            </Tag>
          ))}
        </Space>
      )}
      {slots.length > 0 && (
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t('testChat.slots')}</Typography.Text>
          {slots.map(([key, value]) => (
            <Tag key={key} color="purple">
              {key}={typeof value === 'string' ? value : JSON.stringify(value)}
            </Tag>
          ))}
        </Space>
      )}
      {vars.length > 0 && (
        <Space size={4} wrap data-testid="turn-vars">
          <Typography.Text type="secondary">{t('testChat.vars')}</Typography.Text>
          {vars.map(([key, value]) => (
            <Tooltip key={key} title={<pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 11 }}>{JSON.stringify(value, null, 2)}</pre>}>
              <Tag color="geekblue">{key}={short(value)}</Tag>
            </Tooltip>
          ))}
        </Space>
      )}
      {turn.http.map((call, index) => (
        <div key={`${call.nodeId}-${index}`} data-testid="turn-http">
          <Typography.Text type="secondary">{t('testChat.http', { node: call.nodeId })} </Typography.Text>
          <Tag color={call.status !== null && call.status >= 200 && call.status < 300 ? 'green' : 'red'}>
            {call.method} {call.url} → {call.status ?? t('testChat.httpNoAnswer')}
          </Tag>
          <pre style={{ margin: '2px 0', maxHeight: 120, overflow: 'auto', fontSize: 11, background: '#fff', padding: 4, borderRadius: 4 }}>{JSON.stringify(call.body, null, 2)}</pre>
        </div>
      ))}
      <div>
        <Typography.Text type="secondary">
          {turn.node ? t('testChat.atNode', { node: turn.node }) : t('testChat.noNode')}
          {turn.status && !(turn.node === null && turn.status === 'ended') ? ` · ${t(`testChat.statuses.${turn.status}`, { defaultValue: turn.status })}` : ''}
        </Typography.Text>
      </div>
    </div>
  );
}
