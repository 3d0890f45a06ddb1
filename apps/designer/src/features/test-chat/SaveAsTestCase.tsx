import { App, Button, Input, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useApiError } from '../../hooks/useApiError';
import { testsApi } from '../../api/tests';

const tests = testsApi(api);

/** The test chat's "save as test case": the api records the session's turns with what they answered. */
export function SaveAsTestCase({ botKey, flowKey, session, disabled }: { botKey: string; flowKey: string; session: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);

  async function save() {
    if (!name.trim()) return;
    setSaving(true);
    try {
      await tests.fromPreview(botKey, flowKey, session, name.trim());
      void message.success(t('tests.savedFromChat'));
      setOpen(false);
      setName('');
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Button size="small" disabled={disabled} onClick={() => setOpen(true)} data-testid="test-chat-save-case">
        {t('tests.saveFromChat')}
      </Button>
      <Modal
        open={open}
        title={t('tests.saveFromChatTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okButtonProps={{ disabled: !name.trim(), 'data-testid': 'test-chat-save-case-ok' } as ButtonProps}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Input aria-label={t('tests.name')} data-testid="test-chat-case-name" value={name} maxLength={200} placeholder={t('tests.namePlaceholder')} onChange={(e) => setName(e.target.value)} onPressEnter={() => void save()} />
      </Modal>
    </>
  );
}
