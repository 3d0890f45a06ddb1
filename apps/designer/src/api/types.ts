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

/** A versioned document's draft as the api returns it (flows, rule sets). */
export interface FlowDraft {
  key: string;
  kind?: string;
  /** The document as saved; parse it with `parseFlow` before use (an old one may need a migration). */
  document: FlowInput;
  /** Not sent by the api today (the name lives in `document.name`). */
  name?: string;
  revision: number;
  updatedAt?: string;
  updatedBy?: string | null;
  liveVersion?: number | null;
  canary?: { version: number; percent: number } | null;
}
export type FlowSummary = FlowDraft;

export interface VersionRecord {
  key: string;
  number: number;
  content: unknown;
  contentHash?: string;
  author?: string;
  note?: string;
  createdAt?: string;
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
