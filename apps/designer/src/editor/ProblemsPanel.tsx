import { ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/context';
import type { Problem } from '../store/editorStore';
import { problemText } from './problemText';

/** Errors and warnings of the flow; clicking one selects and centres its node. */
export function ProblemsPanel() {
  const { t } = useTranslation();
  const problems = useEditor((s) => s.problems);
  const nodes = useEditor((s) => s.doc.nodes);
  const edges = useEditor((s) => s.doc.edges);
  const focusNode = useEditor((s) => s.focusNode);
  const selectEdge = useEditor((s) => s.selectEdge);
  const openPanel = useEditor((s) => s.openPanel);
  const nodeName = (id?: string) => {
    const node = nodes.find((n) => n.id === id);
    return node ? node.name || `${t(`nodes.${node.kind}.label`)} ${node.id}` : id;
  };
  const open = (problem: Problem) => {
    if (problem.edgeId) {
      const edge = edges.find((e) => e.id === problem.edgeId);
      if (edge) focusNode(edge.source);
      selectEdge(problem.edgeId);
      openPanel('inspector');
    } else if (problem.nodeId) {
      focusNode(problem.nodeId);
    } else if (problem.code.startsWith('global') || problem.code === 'unknown_subflow' || problem.code.startsWith('duplicate_')) {
      openPanel(problem.code.startsWith('duplicate_') ? 'slots' : 'settings');
    }
  };
  return (
    <div data-testid="problems-panel" style={{ height: '100%', overflowY: 'auto' }}>
      {problems.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problems.none')} style={{ margin: 8 }} />}
      {problems.map((problem, index) => (
        <div
          key={`${problem.code}-${problem.nodeId ?? ''}-${problem.edgeId ?? ''}-${index}`}
          role="button"
          tabIndex={0}
          onClick={() => open(problem)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') open(problem);
          }}
          style={{ cursor: 'pointer', padding: '4px 12px', borderBottom: '1px solid #f5f5f5' }}
          data-testid={`problem-${index}`}
          data-code={problem.code}
          data-severity={problem.severity}
        >
          <Typography.Text>
            {problem.severity === 'error' ? <ExclamationCircleFilled style={{ color: '#ff4d4f' }} /> : <WarningFilled style={{ color: '#faad14' }} />}{' '}
            {problem.nodeId && <Typography.Text strong>{nodeName(problem.nodeId)}：</Typography.Text>}
            {problemText(t, problem.code, problem.params)}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}
