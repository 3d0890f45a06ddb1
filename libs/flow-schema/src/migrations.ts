import { documentShapeIssue } from './safe';
import type { Flow } from './flow';
import { CURRENT_FLOW_SCHEMA_VERSION, flowSchema } from './flow';

/**
 * Load-time migrations of flow documents. Stored documents are never rewritten in place: every load
 * runs the document through the migrations from its `schemaVersion` up to the current one, then the
 * zod schema (which applies defaults).
 *
 * Version 0 (the prototype's shape, documents without `schemaVersion`): an edge said `when` instead of
 * `guard` and `handle` instead of `sourceHandle`; `when` was either a guard object, the string "*"
 * (default) or an intent key as shorthand for "that intent".
 */
type RawDocument = Record<string, unknown>;
type Migration = (document: RawDocument) => RawDocument;

export const FLOW_MIGRATIONS: Record<number, Migration> = {
  0: migrateV0toV1,
};

function migrateV0toV1(document: RawDocument): RawDocument {
  const edges = Array.isArray(document.edges) ? document.edges : [];
  return { ...document, schemaVersion: 1, edges: edges.map(migrateV0Edge) };
}

function migrateV0Edge(edge: unknown): unknown {
  if (!isRecord(edge)) return edge;
  const { when, handle, ...rest } = edge;
  const migrated: RawDocument = { ...rest };
  if (handle !== undefined && migrated.sourceHandle === undefined) migrated.sourceHandle = handle;
  if (when !== undefined && migrated.guard === undefined) migrated.guard = v0Guard(when);
  return migrated;
}

function v0Guard(when: unknown): unknown {
  if (when === '*') return { type: 'default' };
  if (typeof when === 'string') return { type: 'intent', intents: [when] };
  return when;
}

function isRecord(value: unknown): value is RawDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface FlowParseError {
  /** Dotted path into the document ("nodes.3.config.slot"), empty for the document itself. */
  path: string;
  message: string;
}

export type FlowParseResult =
  | { ok: true; flow: Flow; migratedFrom: number | null }
  | { ok: false; errors: FlowParseError[] };

/** Migrates a raw document to the current schema version and parses it. */
export function parseFlow(raw: unknown): FlowParseResult {
  if (!isRecord(raw)) return { ok: false, errors: [{ path: '', message: 'a flow document must be a JSON object' }] };
  const tooDeep = documentShapeIssue(raw);
  if (tooDeep) return { ok: false, errors: [tooDeep] };
  const version = raw.schemaVersion === undefined ? 0 : raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version > CURRENT_FLOW_SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [{ path: 'schemaVersion', message: `unsupported schemaVersion ${JSON.stringify(version)} (this build reads 0–${CURRENT_FLOW_SCHEMA_VERSION})` }],
    };
  }
  let document = raw;
  for (let from = version; from < CURRENT_FLOW_SCHEMA_VERSION; from++) {
    const migrate = FLOW_MIGRATIONS[from];
    if (!migrate) return { ok: false, errors: [{ path: 'schemaVersion', message: `no migration from version ${from}` }] };
    document = migrate(document);
  }
  const parsed = flowSchema.safeParse(document);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((found) => ({ path: found.path.map(String).join('.'), message: found.message })) };
  }
  return { ok: true, flow: parsed.data, migratedFrom: version === CURRENT_FLOW_SCHEMA_VERSION ? null : version };
}
