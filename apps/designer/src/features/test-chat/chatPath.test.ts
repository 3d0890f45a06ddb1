import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '@zhishou/flow-schema';
import { pathFromTrace } from './chatPath';

const entry = (nodeId: string, event: TraceEntry['event'], edgeId?: string, flowKey = 'main'): TraceEntry => ({
  flowKey,
  nodeId,
  kind: 'message',
  event,
  ...(edgeId ? { edgeId } : {}),
});

describe('pathFromTrace', () => {
  it('collects entered nodes and taken edges in order', () => {
    const trace = [entry('ask', 'enter'), entry('ask', 'edge', 'e2'), entry('cond', 'enter'), entry('cond', 'edge', 'e3'), entry('ok', 'enter'), entry('ok', 'wait')];
    expect(pathFromTrace(trace, 'main', 'ok')).toEqual({ nodeIds: ['ask', 'cond', 'ok'], edgeIds: ['e2', 'e3'], currentNodeId: 'ok' });
  });

  it('ignores entries of other flows (subflows are not on this canvas)', () => {
    const trace = [entry('call', 'enter'), entry('inner', 'enter', undefined, 'sub'), entry('inner', 'edge', 'x', 'sub'), entry('call', 'edge', 'e9')];
    expect(pathFromTrace(trace, 'main', null)).toEqual({ nodeIds: ['call'], edgeIds: ['e9'], currentNodeId: null });
  });

  it('keeps a global transition edge', () => {
    expect(pathFromTrace([entry('listen', 'global', 'g1'), entry('human', 'enter')], 'main', 'human').edgeIds).toEqual(['g1']);
  });
});
