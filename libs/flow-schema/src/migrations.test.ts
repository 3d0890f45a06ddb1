import { describe, expect, it } from 'vitest';
import { parseFlow } from './migrations';

describe('parseFlow', () => {
  it('parses a current document and applies defaults', () => {
    const result = parseFlow({ schemaVersion: 1, key: 'a', name: 'A', nodes: [{ id: 'start', kind: 'start', config: {} }] });
    expect(result).toMatchObject({ ok: true, migratedFrom: null, flow: { edges: [], settings: { maxStepsPerTurn: 50 } } });
  });

  it('migrates a version 0 document (no schemaVersion, edges with `when` and `handle`)', () => {
    const result = parseFlow({
      key: 'old',
      name: 'Old',
      nodes: [
        { id: 'start', kind: 'start', config: {} },
        { id: 'l', kind: 'listen', config: {} },
        { id: 'ask', kind: 'ask', config: { slot: 'price', prompt: ['多少？'] } },
        { id: 'end', kind: 'end', config: {} },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'l' },
        { id: 'e2', source: 'l', target: 'ask', when: 'bargain' },
        { id: 'e3', source: 'l', target: 'end', when: '*' },
        { id: 'e4', source: 'ask', target: 'end', handle: 'fail', when: { type: 'emotion', emotions: ['angry'] } },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(0);
    expect(result.flow.schemaVersion).toBe(1);
    expect(result.flow.edges.map((edge) => [edge.id, edge.sourceHandle, edge.guard])).toEqual([
      ['e1', 'out', { type: 'default' }],
      ['e2', 'out', { type: 'intent', intents: ['bargain'] }],
      ['e3', 'out', { type: 'default' }],
      ['e4', 'fail', { type: 'emotion', emotions: ['angry'] }],
    ]);
    expect(result.flow.edges[1]).not.toHaveProperty('when');
  });

  it('lists errors with dotted paths', () => {
    const result = parseFlow({ schemaVersion: 1, key: 'a', name: 'A', nodes: [{ id: 'x', kind: 'ask', config: { prompt: [] } }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.path)).toEqual(expect.arrayContaining(['nodes.0.config.slot', 'nodes.0.config.prompt']));
  });

  it('refuses versions it does not know and non-objects', () => {
    expect(parseFlow({ schemaVersion: 9, key: 'a', name: 'A', nodes: [] })).toEqual({ ok: false, errors: [expect.objectContaining({ path: 'schemaVersion' })] });
    expect(parseFlow('flow')).toEqual({ ok: false, errors: [{ path: '', message: 'a flow document must be a JSON object' }] });
  });
});
