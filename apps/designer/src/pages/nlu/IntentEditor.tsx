import type { Intent, NluData } from '@zhishou/flow-schema';
import { Button, Card, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setExamples, upsertIntent } from './nluEdits';
import { normaliseExample, parseBulkExamples } from './nluWarnings';

interface Props {
  data: NluData;
  intent: Intent;
  readOnly: boolean;
  onChange(data: NluData): void;
}

/** Example utterances of one intent: add one, edit in place, delete, or paste many (one per line). */
export function IntentEditor({ data, intent, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulk, setBulk] = useState('');
  const examples = intent.examples;
  const write = (next: string[]) => onChange(setExamples(data, intent.key, next));

  function addOne() {
    const added = parseBulkExamples(draft, examples);
    if (added.length) write([...examples, ...added]);
    setDraft('');
  }

  function editAt(index: number, value: string) {
    const next = [...examples];
    if (value.trim()) next[index] = value;
    else next.splice(index, 1);
    write(next);
  }

  const bulkPreview = parseBulkExamples(bulk, examples);

  return (
    <Card
      title={
        <Space>
          <span>{intent.name}</span>
          <Typography.Text type="secondary">{intent.key}</Typography.Text>
        </Space>
      }
      extra={t('nlu.exampleCount', { count: examples.length })}
    >
      {!readOnly && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            aria-label={t('nlu.newExample')}
            placeholder={t('nlu.newExample')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onPressEnter={addOne}
          />
          <Button onClick={addOne} disabled={!draft.trim()}>
            {t('common.add')}
          </Button>
          <Button onClick={() => setBulkOpen(true)}>{t('nlu.bulkPaste')}</Button>
        </Space.Compact>
      )}
      {!readOnly && (
        <Input
          addonBefore={t('common.name')}
          value={intent.name}
          style={{ marginBottom: 12 }}
          onChange={(e) => onChange(upsertIntent(data, { ...intent, name: e.target.value }))}
        />
      )}
      <List
        size="small"
        bordered
        dataSource={examples.map((text, index) => ({ text, index }))}
        locale={{ emptyText: t('nlu.noExamples') }}
        style={{ maxHeight: 420, overflow: 'auto' }}
        renderItem={({ text, index }) => (
          <List.Item
            actions={readOnly ? [] : [<Button key="del" size="small" type="link" danger onClick={() => editAt(index, '')}>{t('common.delete')}</Button>]}
          >
            {readOnly ? (
              text
            ) : (
              <Typography.Paragraph style={{ margin: 0, width: '100%' }} editable={{ onChange: (value) => editAt(index, value), triggerType: ['text', 'icon'] }}>
                {text}
              </Typography.Paragraph>
            )}
          </List.Item>
        )}
      />
      <Modal
        open={bulkOpen}
        title={t('nlu.bulkPaste')}
        okText={t('nlu.bulkAdd', { count: bulkPreview.length })}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: bulkPreview.length === 0 }}
        onCancel={() => setBulkOpen(false)}
        onOk={() => {
          write([...examples, ...bulkPreview]);
          setBulk('');
          setBulkOpen(false);
        }}
      >
        <Typography.Paragraph type="secondary">{t('nlu.bulkHelp')}</Typography.Paragraph>
        <Input.TextArea aria-label={t('nlu.bulkPaste')} rows={10} value={bulk} onChange={(e) => setBulk(e.target.value)} />
        {bulk.trim() && (
          <Typography.Text type="secondary">
            {t('nlu.bulkSummary', { added: bulkPreview.length, skipped: bulk.split(/\r?\n/).filter((l) => normaliseExample(l)).length - bulkPreview.length })}
          </Typography.Text>
        )}
      </Modal>
    </Card>
  );
}
