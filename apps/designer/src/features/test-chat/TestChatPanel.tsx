import { PictureOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Select, Space, Tooltip, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { describeApiError } from '../../api/client';
import { useAsync } from '../../hooks/useAsync';
import { versionsApi } from '../../api/versions';
import { SaveAsTestCase } from './SaveAsTestCase';
import { EMPTY_PATH, pathFromTrace, type TurnPath } from './chatPath';
import { activeQuickReplies, completeTurn, failTurn, pendingTurn, type ChatTurn } from './chatLog';
import { imageToDataUrl } from './imageFile';
import type { PreviewVersion } from '@zhishou/flow-schema';
import { newId, previewApi } from '../../api/preview';
import { TurnDetails } from './TurnDetails';

const preview = previewApi(api);
const versions = versionsApi(api);

export interface TestChatPanelProps {
  botKey: string;
  flowKey: string;
  /** The version open in the editor (chat starts on it), or undefined for the draft. */
  version?: number;
  /** Receives the path of each turn (and EMPTY_PATH on reset): the editor store's `setHighlight`. */
  onPath(path: TurnPath): void;
  /** The editor has unsaved changes: the draft preview runs the saved draft, so say so. */
  dirty?: boolean;
}

/** Chat with the draft or any published version through the api's preview mode. */
export function TestChatPanel({ botKey, flowKey, version, onPath, dirty = false }: TestChatPanelProps) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<PreviewVersion>(version ?? 'draft');
  const [session, setSession] = useState(() => newId('preview'));
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const list = useAsync(() => versions.list(botKey, flowKey).catch(() => []), [botKey, flowKey]);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [turns]);
  // Leaving the panel clears the path it drew.
  useEffect(() => () => onPath(EMPTY_PATH), [onPath]);

  async function send(message: { text?: string; image?: string }) {
    if (sending || (!message.text?.trim() && !message.image)) return;
    const id = newId('msg');
    const turn = pendingTurn(id, message.text?.trim() ?? '', message.image);
    setTurns((all) => [...all, turn]);
    setText('');
    setSending(true);
    try {
      const result = await preview.send(botKey, session, {
        messageId: id,
        ...(message.text?.trim() ? { text: message.text.trim() } : {}),
        ...(message.image ? { image: message.image } : {}),
        flow: flowKey,
        version: target,
      });
      setTurns((all) => all.map((x) => (x.id === id ? completeTurn(x, result) : x)));
      onPath(pathFromTrace(result.trace ?? [], flowKey, result.state.node));
    } catch (error) {
      setTurns((all) => all.map((x) => (x.id === id ? failTurn(x, describeApiError(error, t)) : x)));
    } finally {
      setSending(false);
    }
  }

  function reset(nextTarget: PreviewVersion = target) {
    void preview.reset(botKey, session).catch(() => undefined);
    setSession(newId('preview'));
    setTurns([]);
    setTarget(nextTarget);
    onPath(EMPTY_PATH);
  }

  const quickReplies = activeQuickReplies(turns);

  return (
    <div data-testid="test-chat" style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 8 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Select<PreviewVersion>
          aria-label={t('testChat.target')}
          data-testid="test-chat-target"
          size="small"
          style={{ minWidth: 160 }}
          value={target}
          onChange={(v) => reset(v)}
          options={[
            { value: 'draft', label: t('testChat.draft') },
            ...[...(list.data ?? [])].sort((a, b) => b.number - a.number).map((v) => ({ value: v.number, label: `v${v.number}${v.note ? ` · ${v.note}` : ''}` })),
          ]}
        />
        <Space size={4}>
          <SaveAsTestCase botKey={botKey} flowKey={flowKey} session={session} disabled={sending || !turns.some((turn) => !turn.pending && !turn.error)} />
          <Tooltip title={t('testChat.resetHelp')}>
            <Button size="small" icon={<ReloadOutlined />} onClick={() => reset()}>
              {t('testChat.reset')}
            </Button>
          </Tooltip>
        </Space>
      </Space>
      {dirty && target === 'draft' && <Alert type="warning" showIcon message={t('testChat.unsaved')} />}
      <div style={{ flex: 1, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 8, minHeight: 200 }} data-testid="test-chat-log">
        {turns.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('testChat.empty')} />}
        {turns.map((turn) => (
          <div key={turn.id} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            <div data-testid="chat-user" style={{ alignSelf: 'flex-end', maxWidth: '80%', background: '#ff6a00', color: '#fff', padding: '6px 10px', borderRadius: 10 }}>
              {turn.image && <img src={turn.image} alt={t('testChat.image')} style={{ maxWidth: 160, display: 'block', borderRadius: 6 }} />}
              {turn.text}
            </div>
            {turn.pending && <Typography.Text type="secondary">{t('testChat.thinking')}</Typography.Text>}
            {turn.error && <Alert type="error" showIcon message={turn.error} />}
            {turn.replies.map((reply, index) => (
              <div key={index} data-testid="chat-bot" style={{ alignSelf: 'flex-start', maxWidth: '80%', background: '#f0f0f0', padding: '6px 10px', borderRadius: 10, whiteSpace: 'pre-wrap' }}>
                {reply.imageUrl && <img src={reply.imageUrl} alt="" style={{ maxWidth: 160, display: 'block', borderRadius: 6 }} />}
                {reply.text}
              </div>
            ))}
            {!turn.pending && !turn.error && <TurnDetails turn={turn} />}
          </div>
        ))}
        <div ref={bottom} />
      </div>
      {quickReplies.length > 0 && (
        <Space wrap size={4}>
          {quickReplies.map((q) => (
            <Button key={q} size="small" data-testid="quick-reply" disabled={sending} onClick={() => void send({ text: q })}>
              {q}
            </Button>
          ))}
        </Space>
      )}
      <Space.Compact style={{ width: '100%' }}>
        <Upload
          accept="image/*"
          showUploadList={false}
          beforeUpload={(file) => {
            void imageToDataUrl(file).then((image) => send({ text, image }));
            return false;
          }}
        >
          <Button icon={<PictureOutlined />} aria-label={t('testChat.image')} disabled={sending} />
        </Upload>
        <Input
          aria-label={t('testChat.input')}
          data-testid="test-chat-input"
          placeholder={t('testChat.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => void send({ text })}
          disabled={sending}
        />
        <Button type="primary" data-testid="test-chat-send" onClick={() => void send({ text })} disabled={sending || !text.trim()}>
          {t('testChat.send')}
        </Button>
      </Space.Compact>
    </div>
  );
}
