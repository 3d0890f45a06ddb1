import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/**
 * The api's architecture rules as pure functions over source text, so the tests can run them on the
 * real tree and on fixture strings alike. Paths are relative to `apps/api/src` with `/` separators
 * (`modules/triggers/fire-facts.ts`, `infra/database/sql.ts`).
 */

export interface SourceFile {
  path: string;
  text: string;
}

export type Rule =
  /** A module reads or writes a table another module owns (SQL text, an ORM call with its entity, or importing its entity). */
  | 'table-owner'
  /** SQL text in a module file that is not its repository (`*.repository.ts`). */
  | 'sql-outside-repository'
  /** A second data-access style: TypeORM's DataSource / EntityManager / Repository / QueryRunner / query builders outside infra/database. */
  | 'data-access-style'
  /** A file in infra imports a module. */
  | 'upward-import'
  /** Modules that import each other, directly or round a longer loop. */
  | 'module-cycle';

export interface Violation {
  rule: Rule;
  file: string;
  /** What was touched: a table, an API, an imported path, or the cycle. */
  detail: string;
}

export const violationKey = (v: Violation): string => `${v.rule} ${v.file} ${v.detail}`;

/** `modules/<name>/…` → name; anything else (infra, composition roots such as modules/entities.ts) → null. */
export function moduleOf(path: string): string | null {
  const match = /^modules\/([^/]+)\/./.exec(path);
  return match ? (match[1] ?? null) : null;
}

const isTest = (path: string): boolean => /\.test\.ts$/.test(path);
const isRepository = (path: string): boolean => /\.repository\.ts$/.test(path);

/** Reads every .ts file under `root` (here: apps/api/src). */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

interface Parsed {
  strings: string[];
  imports: { specifier: string; names: string[] }[];
  /** Identifiers passed as call arguments or used as type arguments (entity classes handed to the ORM). */
  ormTargets: string[];
  /** Calls of TypeORM data APIs (`getRepository`, `createQueryBuilder`, …). */
  ormCalls: string[];
}

const ORM_METHODS = new Set(['getRepository', 'getTreeRepository', 'createQueryBuilder', 'createQueryRunner', 'InjectRepository', 'InjectDataSource', 'InjectEntityManager']);
const ORM_TYPES = new Set(['Repository', 'TreeRepository', 'EntityRepository', 'MongoRepository']);
/** TypeORM imports an entity file may use (mapping, not data access). */
const TYPEORM_MAPPING = new Set([
  'Entity',
  'Column',
  'PrimaryColumn',
  'PrimaryGeneratedColumn',
  'CreateDateColumn',
  'UpdateDateColumn',
  'DeleteDateColumn',
  'Index',
  'Unique',
  'Check',
  'ManyToOne',
  'OneToMany',
  'OneToOne',
  'ManyToMany',
  'JoinColumn',
  'JoinTable',
  'MigrationInterface',
  'QueryRunner', // the migration signature; a QueryRunner in a module is caught as an ORM call instead
  'DataSourceOptions',
]);

function parse(file: SourceFile): Parsed {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Parsed = { strings: [], imports: [], ormTargets: [], ormCalls: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: string[] = [];
      const clause = node.importClause;
      if (clause?.name) names.push(clause.name.text);
      if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) for (const el of clause.namedBindings.elements) names.push((el.propertyName ?? el.name).text);
      out.imports.push({ specifier: node.moduleSpecifier.text, names });
      return;
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.imports.push({ specifier: node.moduleSpecifier.text, names: [] });
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.strings.push(node.text);
    else if (ts.isTemplateExpression(node)) out.strings.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' $x '));
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : null;
      if (name && ORM_METHODS.has(name)) out.ormCalls.push(name);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'query' && /dataSource|manager|\bem\b|queryRunner/i.test(callee.expression.getText(source))) out.ormCalls.push(`${callee.expression.getText(source)}.query`);
      for (const arg of node.arguments) if (ts.isIdentifier(arg)) out.ormTargets.push(arg.text);
    } else if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && ORM_TYPES.has(node.typeName.text)) {
      out.ormCalls.push(node.typeName.text);
      for (const arg of node.typeArguments ?? []) if (ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName)) out.ormTargets.push(arg.typeName.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE)\s+(?:ONLY\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/g;
/** `FROM a x, b y`: the tables after the first one in a comma list. */
const SQL_MORE_TABLES = /\s*(?:(?:AS\s+)?(?!(?:WHERE|ON|JOIN|LEFT|RIGHT|INNER|OUTER|CROSS|GROUP|ORDER|LIMIT|FOR|USING|SET|WINDOW|HAVING|UNION|RETURNING)\b)[a-z_][a-z0-9_]*)?\s*,\s*(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/iy;
/** A statement (not an HTTP method name like 'DELETE'), or a bare transaction command. */
const SQL_STATEMENT = /^\s*(?:(?:WITH|SELECT|INSERT|UPDATE|DELETE|LOCK|TRUNCATE|CREATE|ALTER|DROP)\s+\S|(?:BEGIN|COMMIT|ROLLBACK)\s*;?\s*$)/;

/** Tables of `tables` that a piece of text names after FROM/JOIN/INTO/UPDATE/TABLE (SQL keywords in capitals, the house style). */
export function tablesInSql(text: string, tables: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(SQL_TABLE)) {
    const name = match[1]?.toLowerCase();
    if (name && tables.has(name)) found.add(name);
    SQL_MORE_TABLES.lastIndex = (match.index ?? 0) + match[0].length;
    for (let more = SQL_MORE_TABLES.exec(text); more; more = SQL_MORE_TABLES.exec(text)) {
      const extra = more[1]?.toLowerCase();
      if (extra && tables.has(extra)) found.add(extra);
    }
  }
  return [...found];
}

export interface OwnershipModel {
  /** table → owning module (from each module's ENTITIES). */
  tableOwner: ReadonlyMap<string, string>;
  /** entity class name → its table. */
  entityTable: ReadonlyMap<string, string>;
}

/** Table ownership, SQL only in repositories, one data-access style. Test files are not checked (they may inspect any table). */
export function checkDataAccess(files: readonly SourceFile[], model: OwnershipModel): Violation[] {
  const tables = new Set(model.tableOwner.keys());
  const violations: Violation[] = [];
  for (const file of files) {
    if (isTest(file.path)) continue;
    const module = moduleOf(file.path);
    const inInfraDatabase = file.path.startsWith('infra/database/');
    const parsed = parse(file);
    const touched = new Map<string, string>(); // table → how
    const touch = (table: string, how: string) => {
      if (!touched.has(table)) touched.set(table, how);
    };
    for (const text of parsed.strings) for (const table of tablesInSql(text, tables)) touch(table, 'sql');
    for (const name of parsed.ormTargets) {
      const table = model.entityTable.get(name);
      if (table) touch(table, `entity ${name}`);
    }
    for (const imp of parsed.imports) for (const name of imp.names) {
      const table = model.entityTable.get(name);
      if (table && imp.specifier.startsWith('.')) touch(table, `imports ${name}`);
    }

    if (module) {
      for (const [table, how] of touched) {
        const owner = model.tableOwner.get(table);
        if (owner !== module) violations.push({ rule: 'table-owner', file: file.path, detail: `${table} (owned by ${owner ?? 'nobody'}; ${how})` });
      }
      if (!isRepository(file.path) && parsed.strings.some((s) => SQL_STATEMENT.test(s) || tablesInSql(s, tables).length > 0)) {
        violations.push({ rule: 'sql-outside-repository', file: file.path, detail: 'SQL text' });
      }
    } else if (!inInfraDatabase) {
      // infra outside the database adapter (and the composition roots) touch no module's table.
      for (const [table] of touched) violations.push({ rule: 'table-owner', file: file.path, detail: `${table} (owned by ${model.tableOwner.get(table) ?? 'nobody'}; infra)` });
    }

    if (!inInfraDatabase) {
      const style = new Set(parsed.ormCalls);
      for (const imp of parsed.imports) if (imp.specifier === 'typeorm') for (const name of imp.names) if (!TYPEORM_MAPPING.has(name)) style.add(`typeorm ${name}`);
      for (const what of style) violations.push({ rule: 'data-access-style', file: file.path, detail: what });
    }
  }
  return violations;
}

/** Resolves a relative import of `from` to a path under src (without extension), or null for packages. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return normalize(join(dirname(from), specifier)).split('\\').join('/');
}

/** infra imports no module; no cycles between modules. Test files are not checked. */
export function checkImports(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  const edges = new Map<string, Map<string, string>>(); // module → imported module → first file that imports it
  for (const file of files) {
    if (isTest(file.path)) continue;
    const from = moduleOf(file.path);
    for (const imp of parse(file).imports) {
      const target = resolveImport(file.path, imp.specifier);
      if (!target) continue;
      if (file.path.startsWith('infra/') && target.startsWith('modules/')) violations.push({ rule: 'upward-import', file: file.path, detail: target });
      const to = moduleOf(`${target}.ts`);
      if (from && to && from !== to) {
        const out = edges.get(from) ?? new Map<string, string>();
        if (!out.has(to)) out.set(to, file.path);
        edges.set(from, out);
      }
    }
  }
  for (const cycle of findCycles(edges)) violations.push({ rule: 'module-cycle', file: edges.get(cycle[0] as string)?.get(cycle[1] as string) ?? '', detail: cycle.join(' → ') });
  return violations;
}

/** Elementary cycles, each reported once, rotated to start at its smallest module name. */
function findCycles(edges: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  const seen = new Set<string>();
  const cycles: string[][] = [];
  const walk = (start: string, node: string, path: string[]) => {
    for (const next of edges.get(node)?.keys() ?? []) {
      if (next === start) {
        const cycle = [...path];
        const min = cycle.reduce((a, b) => (b < a ? b : a));
        const rotated = [...cycle.slice(cycle.indexOf(min)), ...cycle.slice(0, cycle.indexOf(min))];
        const key = rotated.join('>');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...rotated, min]);
        }
      } else if (next > start && !path.includes(next)) walk(start, next, [...path, next]);
    }
  };
  for (const start of [...edges.keys()].sort()) walk(start, start, [start]);
  return cycles;
}
