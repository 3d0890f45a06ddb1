import { CheckCircleOutlined, CloudUploadOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/context';

export function SaveStatus() {
  const { t } = useTranslation();
  const save = useEditor((s) => s.save);
  const readOnly = useEditor((s) => s.meta.readOnly);
  const flush = useEditor((s) => s.flush);
  if (readOnly) return null;
  const icon = { saved: <CheckCircleOutlined />, pending: <CloudUploadOutlined />, saving: <LoadingOutlined />, error: <ExclamationCircleOutlined />, conflict: <ExclamationCircleOutlined /> }[save.status];
  const type = save.status === 'error' || save.status === 'conflict' ? 'danger' : save.status === 'saved' ? 'success' : 'secondary';
  return (
    <span data-testid="save-status" data-status={save.status}>
      <Tooltip title={save.error}>
        <Typography.Text type={type} style={{ fontSize: 12 }}>
          {icon} {t(`save.${save.status}`)}
        </Typography.Text>
      </Tooltip>
      {(save.status === 'error' || save.status === 'pending') && (
        <Button size="small" type="link" onClick={() => void flush()} data-testid="save-now">
          {t('save.now')}
        </Button>
      )}
    </span>
  );
}
