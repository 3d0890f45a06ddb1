import { NODE_HANDLES, type NodeKind } from '@zhishou/flow-schema';

/**
 * Every card has the same fixed size, so React Flow gets node sizes and handle positions up front
 * (no DOM measuring before first paint, and only what is on screen is rendered, even on first load).
 */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 66;
export const HANDLE_SIZE = 6;

export interface HandleLayout {
  id: string;
  type: 'source' | 'target';
  position: 'top' | 'bottom';
  /** Top-left of the handle box, relative to the node's top-left. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Horizontal centre of the i-th of n source handles along the bottom edge (a fraction of the width). */
export function sourceHandleFraction(index: number, count: number): number {
  return (index + 1) / (count + 1);
}

export function handleLayout(kind: NodeKind): HandleLayout[] {
  const half = HANDLE_SIZE / 2;
  const sources: readonly string[] = NODE_HANDLES[kind];
  const target: HandleLayout[] = kind === 'start' ? [] : [{ id: 'in', type: 'target', position: 'top', x: NODE_WIDTH / 2 - half, y: -half, width: HANDLE_SIZE, height: HANDLE_SIZE }];
  return [
    ...target,
    ...sources.map((id, index): HandleLayout => ({
      id,
      type: 'source',
      position: 'bottom',
      x: NODE_WIDTH * sourceHandleFraction(index, sources.length) - half,
      y: NODE_HEIGHT - half,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    })),
  ];
}
