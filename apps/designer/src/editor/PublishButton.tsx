import { CloudUploadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Checkbox, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useCan } from '../auth/session';
import { useApiError } from '../hooks/useApiError';
import { TestsFailedAlert } from '../features/test-runs/TestsFailedAlert';
import type { TestRunReport } from '@zhishou/flow-schema';
import { testsFailedReport } from '../api/tests';
import { recordTestRun } from '../features/test-runs/lastRun';
import { versionsApi } from '../api/versions';
import { useEditor, useEditorStore } from '../store/context';

const versions = versionsApi(api);

/** Publish from the editor: saves what is pending, publishes the draft with a note and (by default) makes it live. */
export function PublishButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const store = useEditorStore();
  const canPublish = useCan('flow.publish');
  const { botKey, flowKey, readOnly } = useEditor((s) => s.meta);
  const errors = useEditor((s) => s.problems.filter((p) => p.severity === 'error').length);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [goLive, setGoLive] = useState(true);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<TestRunReport | null>(null);
  if (readOnly || !canPublish) return null;

  const blocked = errors > 0 ? t('flowPublish.blockedByErrors', { count: errors }) : undefined;

  async function publish() {
    setBusy(true);
    setRefused(null);
    try {
      // The api publishes the saved draft: save what is pending first, then publish that revision.
      if (!(await store.getState().flush())) {
        void message.error(t('flowPublish.saveFirst'));
        return;
      }
      const published = await versions.publish(botKey, flowKey, note.trim(), store.getState().meta.revision);
      if (goLive) await versions.setLive(botKey, flowKey, published.number, 'release');
      void message.success(t(goLive ? 'versions.publishedLive' : 'versions.published', { number: published.number }));
      setOpen(false);
      setNote('');
      // The diff panel compares with live; after a release there is nothing left to show.
      if (store.getState().panel === 'diff') store.getState().openPanel('inspector');
    } catch (error) {
      const failedTests = testsFailedReport(error);
      if (failedTests) {
        setRefused(failedTests);
        recordTestRun(botKey, failedTests);
      }
      else showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Tooltip title={blocked}>
        <Button size="small" type="primary" icon={<CloudUploadOutlined />} disabled={blocked !== undefined} onClick={() => setOpen(true)} data-testid="editor-publish">
          {t('flowPublish.button')}
        </Button>
      </Tooltip>
      <Modal
        open={open}
        title={t('flowPublish.title')}
        okText={t('versions.publish')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, disabled: note.trim() === '', 'data-testid': 'editor-publish-ok' } as ButtonProps}
        onOk={() => void publish()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }} data-testid="editor-publish-modal">
          {refused && <TestsFailedAlert bot={botKey} flow={flowKey} report={refused} />}
          <Input.TextArea
            aria-label={t('versions.note')}
            placeholder={t('versions.notePlaceholder')}
            value={note}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            onChange={(e) => setNote(e.target.value)}
            data-testid="editor-publish-note"
          />
          <Checkbox checked={goLive} onChange={(e) => setGoLive(e.target.checked)}>
            {t('versions.goLive')}
          </Checkbox>
          <Typography.Text type="secondary">{t('flowPublish.hint')}</Typography.Text>
        </Space>
      </Modal>
    </>
  );
}
