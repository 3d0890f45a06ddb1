import { GraphBuilder } from '../onnx/graph';
import { decodeModel, FLOAT, INT64, intAttr, intsAttr, type Producer, valueInfo } from '../onnx/proto';
import type { MatcherShape, QuestionMatcher } from './model';
import { type CharVocab, vocabFromChars } from './vocab';

/** Bumped when the matcher graph or its metadata change; serving refuses other versions. */
export const MATCHER_FORMAT = '1';
const PRODUCER: Producer = { name: 'zhishou-neural', version: MATCHER_FORMAT };

/**
 * The inference graph of a trained matcher. Inputs `a`, `b`: int64 [L] character ids (from
 * `encodeQuestion` with the vocabulary in the metadata). Outputs `logit` [1] (raw) and `prob` [1]
 * (sigmoid(logit / temperature)). The exact-match feature is computed in the graph (Equal → ReduceMax).
 */
export function exportMatcherOnnx(model: QuestionMatcher, vocab: CharVocab): Uint8Array {
  const g = new GraphBuilder();
  const ua = g.op('Unsqueeze', ['a', g.ints([1])]);
  const ub = g.op('Unsqueeze', ['b', g.ints([0])]);
  const eq = g.op('Cast', [g.op('Equal', [ua, ub])], [intAttr('to', FLOAT)]);
  const matchA = g.op('Cast', [g.op('ReduceMax', [eq], [intsAttr('axes', [1]), intAttr('keepdims', 0)])], [intAttr('to', INT64)]);
  const matchB = g.op('Cast', [g.op('ReduceMax', [eq], [intsAttr('axes', [0]), intAttr('keepdims', 0)])], [intAttr('to', INT64)]);
  const encode = (ids: string, match: string): string => {
    const x = g.op('Add', [model.chars.toOnnx(g, ids), model.match.toOnnx(g, match)]);
    return model.encoderAct.toOnnx(g, model.encoder.toOnnx(g, x));
  };
  const ha = encode('a', matchA);
  const hb = encode('b', matchB);
  const [alignedA, alignedB] = model.attention.toOnnx(g, ha, hb);
  const compose = (h: string, aligned: string): string => model.pool.toOnnx(g, model.composeAct.toOnnx(g, model.compose.toOnnx(g, model.fuse.toOnnx(g, h, aligned))));
  const va = compose(ha, alignedA);
  const vb = compose(hb, alignedB);
  let z = model.drop.toOnnx(g, model.combine.toOnnx(g, va, vb));
  z = model.headAct.toOnnx(g, model.head.toOnnx(g, z));
  g.op('Identity', [model.out.toOnnx(g, z)], [], 'logit');
  g.float('temperature', [], Float32Array.of(model.temperature));
  g.op('Sigmoid', [g.op('Div', ['logit', 'temperature'])], [], 'prob');
  const { seed: _seed, ...shape } = model.shape;
  return g.encode(
    'zhishou_question_matcher',
    [valueInfo('a', INT64, ['la']), valueInfo('b', INT64, ['lb'])],
    [valueInfo('logit', FLOAT, [1]), valueInfo('prob', FLOAT, [1])],
    {
      'zhishou.kind': 'matcher',
      'zhishou.matcher.format': MATCHER_FORMAT,
      'zhishou.vocab': JSON.stringify(vocab.chars),
      'zhishou.shape': JSON.stringify(shape),
      'zhishou.temperature': String(model.temperature),
    },
    PRODUCER,
  );
}

export interface MatcherMetadata {
  vocab: CharVocab;
  shape: Omit<MatcherShape, 'seed'>;
  temperature: number;
}

/** What serving needs to build the inputs: the vocabulary, max length and temperature; refuses other kinds/formats. */
export function readMatcherMetadata(bytes: Uint8Array): MatcherMetadata {
  const d = decodeModel(bytes);
  if (d.metadata['zhishou.kind'] !== 'matcher') throw new Error(`expected a matcher model, got ${d.metadata['zhishou.kind'] ?? 'unknown'}`);
  const format = d.metadata['zhishou.matcher.format'];
  if (format !== MATCHER_FORMAT) throw new Error(`matcher format ${format ?? 'missing'} is not the supported format ${MATCHER_FORMAT}`);
  const chars = JSON.parse(d.metadata['zhishou.vocab'] ?? '[]') as string[];
  const shape = JSON.parse(d.metadata['zhishou.shape'] ?? '{}') as Omit<MatcherShape, 'seed'>;
  if (chars.length !== shape.vocabSize) throw new Error(`matcher vocabulary has ${chars.length} characters, the graph ${shape.vocabSize}`);
  return { vocab: vocabFromChars(chars), shape, temperature: Number(d.metadata['zhishou.temperature'] ?? '1') };
}

