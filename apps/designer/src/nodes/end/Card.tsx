import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NodeCardProps } from '../types';
import { CardText } from '../common/CardText';

export function EndCard({ node }: NodeCardProps<'end'>) {
  const { t } = useTranslation();
  return (
    <>
      <Tag style={{ fontSize: 10, lineHeight: '16px', marginInlineEnd: 0 }}>{t(`nodes.end.outcomes.${node.config.outcome}`)}</Tag>
      {node.config.message[0] && <CardText>{node.config.message[0]}</CardText>}
    </>
  );
}
