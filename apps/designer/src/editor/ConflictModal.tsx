import { Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/context';

/** Someone else saved first: say who and when; reload their version or overwrite it knowingly. */
export function ConflictModal({ onReload }: { onReload(): void }) {
  const { t } = useTranslation();
  const save = useEditor((s) => s.save);
  const overwrite = useEditor((s) => s.overwrite);
  const conflict = save.status === 'conflict' ? save.conflict : undefined;
  return (
    <Modal
      open={conflict !== undefined}
      title={t('save.conflictTitle')}
      closable={false}
      mask={{ closable: false }}
      okText={t('save.overwrite')}
      okButtonProps={{ danger: true, 'data-testid': 'conflict-overwrite' } as ButtonProps}
      cancelText={t('save.reload')}
      cancelButtonProps={{ 'data-testid': 'conflict-reload' } as ButtonProps}
      onOk={() => void overwrite()}
      onCancel={onReload}
    >
      <div data-testid="conflict-dialog">
        <Typography.Paragraph>
          {t('save.conflictText', {
            who: conflict?.updatedBy ?? t('save.someone'),
            when: conflict?.updatedAt ? new Date(conflict.updatedAt).toLocaleString() : '?',
            revision: conflict?.revision ?? '?',
          })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('save.conflictHelp')}</Typography.Paragraph>
      </div>
    </Modal>
  );
}
