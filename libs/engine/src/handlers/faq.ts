import { isPortNotConfigured } from '@zhishou/flow-schema';
import { sayLiteral, traceNode } from '../context';
import type { NodeHandler } from './types';

/**
 * Answers from the knowledge base. No answer above the threshold, an unconfigured knowledge base or
 * a failing one all leave by `no_answer` (traced); an answer is never made up.
 */
export const faqHandler: NodeHandler<'faq'> = {
  async enter(node, ctx) {
    const question = ctx.turnNlu?.text ?? ctx.state.lastNlu?.text ?? '';
    try {
      const found = await ctx.ports.knowledge.answer(question, { threshold: node.config.threshold });
      if (!found) {
        traceNode(ctx, node, 'enter', 'no answer above the threshold');
        return { type: 'handle', handle: 'no_answer' };
      }
      if (node.config.saveAs) ctx.state.vars[node.config.saveAs] = { answer: found.answer, score: found.score };
      sayLiteral(ctx, node, found.answer);
      return { type: 'handle', handle: 'out' };
    } catch (error) {
      traceNode(ctx, node, 'error', isPortNotConfigured(error) ? 'knowledge base not configured' : `knowledge base failed: ${error instanceof Error ? error.message : String(error)}`);
      return { type: 'handle', handle: 'no_answer' };
    }
  },
};
