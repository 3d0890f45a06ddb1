import { describe, expect, it } from 'vitest';
import { durationToMs, flowSchema, NODE_HANDLES, NODE_KINDS } from './index';

describe('flow schema', () => {
  it('applies defaults to a minimal flow', () => {
    const flow = flowSchema.parse({
      schemaVersion: 1,
      key: 'hello',
      name: 'Hello',
      nodes: [
        { id: 'start', kind: 'start', config: {} },
        { id: 'hi', kind: 'message', config: { variants: ['你好'] } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'hi' }],
    });
    expect(flow.edges[0]).toMatchObject({ sourceHandle: 'out', guard: { type: 'default' }, priority: 0 });
    expect(flow.settings.maxStepsPerTurn).toBe(50);
    expect(flow.locale).toBe('zh-CN');
  });

  it('rejects an unknown node kind and says where', () => {
    const result = flowSchema.safeParse({ schemaVersion: 1, key: 'x', name: 'x', nodes: [{ id: 'a', kind: 'teleport', config: {} }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['nodes', 0, 'kind']);
  });

  it('declares handles for every node kind', () => {
    expect(Object.keys(NODE_HANDLES).sort()).toEqual([...NODE_KINDS].sort());
  });

  it('parses durations as ops write them', () => {
    expect(durationToMs('48h')).toBe(172_800_000);
    expect(durationToMs('7d')).toBe(604_800_000);
    expect(durationToMs('30s')).toBe(30_000);
    expect(durationToMs(250)).toBe(250);
    expect(() => durationToMs('2 weeks' as never)).toThrow(/invalid duration/);
  });
});
