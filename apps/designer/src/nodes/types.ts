import type { ComponentType, ReactNode } from 'react';
import type { z } from 'zod';
import type { Flow, NodeConfig, NodeKind, NodeOfKind } from '@zhishou/flow-schema';

export interface NodeCardProps<K extends NodeKind> {
  node: NodeOfKind<K>;
}

export interface NodePanelProps<K extends NodeKind> {
  node: NodeOfKind<K>;
  readOnly: boolean;
  /** Called only with a config that passed the kind's schema. */
  onChange(config: NodeConfig<K>): void;
}

/** A problem a kind finds in its own node beyond the schema and the graph checks. */
export interface NodeIssue {
  code: string;
  severity: 'error' | 'warning';
  params?: Record<string, string | number>;
}

export interface NodeKindSpec<K extends NodeKind> {
  kind: K;
  /** Accent colour of the card and palette item. */
  color: string;
  icon: ReactNode;
  /** The config schema from flow-schema: panels validate with it, nothing invalid is saved. */
  schema: z.ZodType<NodeConfig<K>>;
  defaults(): NodeConfig<K>;
  Card: ComponentType<NodeCardProps<K>>;
  Panel: ComponentType<NodePanelProps<K>>;
  validate?(node: NodeOfKind<K>, doc: Flow): NodeIssue[];
  /**
   * Set while the platform cannot run this kind for real yet (i18n key of the reason): the palette
   * marks it and the panel says why. The issue that makes the kind usable removes it.
   */
  notReady?: string;
}

export type NodeRegistry = { [K in NodeKind]: NodeKindSpec<K> };
