import {
  ApiOutlined, BranchesOutlined, CalculatorOutlined, ClockCircleOutlined, CustomerServiceOutlined, AudioOutlined,
  MessageOutlined, PictureOutlined, PlayCircleOutlined, QuestionCircleOutlined, ReadOutlined, StopOutlined, SubnodeOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { NodeKind } from '@zhishou/flow-schema';

export const NODE_ICONS: Record<NodeKind, ReactNode> = {
  start: <PlayCircleOutlined />,
  message: <MessageOutlined />,
  ask: <QuestionCircleOutlined />,
  listen: <AudioOutlined />,
  condition: <BranchesOutlined />,
  http: <ApiOutlined />,
  faq: <ReadOutlined />,
  image: <PictureOutlined />,
  set: <CalculatorOutlined />,
  wait: <ClockCircleOutlined />,
  handoff: <CustomerServiceOutlined />,
  subflow: <SubnodeOutlined />,
  end: <StopOutlined />,
};
