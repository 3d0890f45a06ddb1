import type { FlowInput, Role } from '@zhishou/flow-schema';

/** Shapes the api returns (see the routes in docs/ARCHITECTURE.md). */
export interface User {
  id: string;
  email: string;
  name?: string;
  role: Role;
}

export interface LoginResponse {
  token: string;
  user: User;
}

export interface Bot {
  key: string;
  name: string;
  description?: string;
  createdAt?: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix?: string;
  createdAt?: string;
  lastUsedAt?: string | null;
}

export interface CreatedApiKey extends ApiKey {
  /** Shown once: the api only stores a hash. */
  key: string;
}

export interface FlowSummary {
  key: string;
  name: string;
  revision: number;
  updatedAt?: string;
  updatedBy?: string | null;
  liveVersion?: number | null;
}

export interface FlowDraft extends FlowSummary {
  document: FlowInput;
}

export interface StaleRevision {
  revision: number;
  updatedBy?: string | null;
  updatedAt?: string;
}

export interface ValidationIssue {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: string;
}
