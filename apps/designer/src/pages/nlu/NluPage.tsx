import { nluDataSchema, type NluData } from '@zhishou/flow-schema';
import { Alert, App, Button, Card, Col, Empty, Row, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useCan } from '../../auth/session';
import { useApiError } from '../../hooks/useApiError';
import { useAsync } from '../../hooks/useAsync';
import { addBlocker } from '../../router/router';
import { IntentEditor } from './IntentEditor';
import { IntentList } from './IntentList';
import { nluApi, type NluDocument } from '../../api/nlu';
import { NluReleaseBar } from './NluReleaseBar';
import { findNluWarnings } from './nluWarnings';
import { SlotTypesEditor } from './SlotTypesEditor';

const nlu = nluApi(api);

/** Intents with examples and slot/entity types: the data the models are trained from. */
export function NluPage({ bot }: { bot: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canEdit = useCan('nlu.edit');
  const loaded = useAsync(() => nlu.get(bot), [bot]);
  const status = useAsync(() => nlu.status(bot), [bot]);
  const [doc, setDoc] = useState<NluDocument>();
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      setDoc(loaded.data);
      setDirty(false);
    }
  }, [loaded.data]);
  useEffect(() => addBlocker(() => (dirty ? t('nlu.unsaved') : null)), [dirty, t]);

  const warnings = useMemo(() => (doc ? findNluWarnings(doc.data) : []), [doc]);
  const schemaIssues = useMemo(() => {
    if (!doc) return [];
    const result = nluDataSchema.safeParse(doc.data);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }, [doc]);

  if (loaded.error !== undefined && !doc) return <Alert type="error" showIcon message={t('nlu.loadFailed')} />;
  if (!doc) return <Card loading />;

  const edit = (next: NluData) => {
    setDoc({ ...doc, data: next });
    setDirty(true);
  };

  async function save() {
    if (!doc) return;
    setSaving(true);
    try {
      const saved = await nlu.save(bot, doc);
      setDoc(saved);
      setDirty(false);
      status.reload();
      void message.success(t('nlu.saved'));
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  }

  const current = doc.data.intents.find((i) => i.key === selected) ?? doc.data.intents[0];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nlu.title')}
        </Typography.Title>
        <Space>
          {dirty && <Typography.Text type="warning">{t('nlu.unsavedShort')}</Typography.Text>}
          {canEdit && (
            <Button type="primary" onClick={() => void save()} loading={saving} disabled={!dirty || schemaIssues.length > 0}>
              {t('common.save')}
            </Button>
          )}
        </Space>
      </Space>
      <NluReleaseBar bot={bot} api={nlu} status={status.data} revision={doc.revision} dirty={dirty} onPublished={() => status.reload()} />
      {schemaIssues.length > 0 && <Alert type="error" showIcon message={t('nlu.invalid')} description={schemaIssues.join('；')} />}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="nlu-warnings"
          message={t('nlu.warningsTitle', { count: warnings.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
              {warnings.map((w) =>
                w.code === 'too_few_examples' ? (
                  <li key={`few-${w.intent}`}>{t('nlu.tooFew', { intent: w.intent, count: w.count, min: w.min })}</li>
                ) : (
                  <li key={`dup-${w.example}`}>{t('nlu.duplicate', { example: w.example, intents: w.intents.join(', ') })}</li>
                ),
              )}
            </ul>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'intents',
            label: t('nlu.intents'),
            children: (
              <Row gutter={16}>
                <Col span={9}>
                  <IntentList data={doc.data} selected={current?.key} warnings={warnings} readOnly={!canEdit} onSelect={setSelected} onChange={edit} />
                </Col>
                <Col span={15}>
                  {current ? (
                    <IntentEditor key={current.key} data={doc.data} intent={current} readOnly={!canEdit} onChange={edit} />
                  ) : (
                    <Empty description={t('nlu.noIntents')} />
                  )}
                </Col>
              </Row>
            ),
          },
          {
            key: 'slotTypes',
            label: t('nlu.slotTypes'),
            children: <SlotTypesEditor data={doc.data} readOnly={!canEdit} onChange={edit} />,
          },
        ]}
      />
    </Space>
  );
}
