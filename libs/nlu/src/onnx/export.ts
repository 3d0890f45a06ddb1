import type { ClassifierFeatureConfig, TaggerFeatureConfig } from '../features';
import type { SlotTaggerModel } from '../models/slot-tagger';
import type { TextClassifierModel } from '../models/text-classifier';
import { decodeModel, type DecodedModel, encodeModel, FLOAT, floatTensor, INT64, int64Tensor, intAttr, intsAttr, node, type NodeProto, type TensorProto, valueInfo, ZHISHOU_FORMAT } from './proto';

/**
 * Sentence classifier graph. Input `ids` int64 [1, N] (hashed feature ids, N ≥ 1).
 * Gather(embedding) → ReduceMean(axis 1) → [MatMul w1 + b1 → Relu] → MatMul w2 + b2 = `logits`
 * → Div(temperature) → Softmax = `probs`.
 */
export function exportClassifierOnnx(model: TextClassifierModel): Uint8Array {
  const w = model.weights;
  const inner = w.hidden || w.dim;
  const init: TensorProto[] = [
    floatTensor('embedding', [w.buckets, w.dim], w.embedding),
    floatTensor('w2', [inner, w.classes], w.w2),
    floatTensor('b2', [w.classes], w.b2),
    floatTensor('temperature', [], Float32Array.of(w.temperature)),
  ];
  const nodes: NodeProto[] = [node('Gather', ['embedding', 'ids'], ['bag'], [intAttr('axis', 0)]), node('ReduceMean', ['bag'], ['h0'], [intsAttr('axes', [1]), intAttr('keepdims', 0)])];
  let x = 'h0';
  if (w.hidden) {
    init.push(floatTensor('w1', [w.dim, w.hidden], w.w1), floatTensor('b1', [w.hidden], w.b1));
    nodes.push(node('MatMul', [x, 'w1'], ['z1m']), node('Add', ['z1m', 'b1'], ['z1']), node('Relu', ['z1'], ['a1']));
    x = 'a1';
  }
  nodes.push(
    node('MatMul', [x, 'w2'], ['logits_m']),
    node('Add', ['logits_m', 'b2'], ['logits']),
    node('Div', ['logits', 'temperature'], ['scaled']),
    node('Softmax', ['scaled'], ['probs'], [intAttr('axis', -1)]),
  );
  return encodeModel(
    {
      name: `zhishou_${model.task}_classifier`,
      node: nodes,
      initializer: init,
      input: [valueInfo('ids', INT64, [1, 'n'])],
      output: [valueInfo('logits', FLOAT, [1, w.classes]), valueInfo('probs', FLOAT, [1, w.classes])],
    },
    {
      'zhishou.format': ZHISHOU_FORMAT,
      'zhishou.kind': 'classifier',
      'zhishou.task': model.task,
      'zhishou.labels': JSON.stringify(model.labels),
      'zhishou.features': JSON.stringify(model.features),
      'zhishou.shape': JSON.stringify({ dim: w.dim, hidden: w.hidden }),
    },
  );
}

/**
 * CRF emission graph. Input `ids` int64 [T, W] (W feature slots per character, 0 = padding).
 * Gather(emission) → ReduceSum(axis 1) = `emissions` [T, L]. Transitions and start scores travel as
 * initializers exposed through Identity outputs; Viterbi runs in JS.
 */
export function exportTaggerOnnx(model: SlotTaggerModel): Uint8Array {
  const w = model.weights;
  const L = w.labels;
  return encodeModel(
    {
      name: 'zhishou_slot_tagger',
      node: [
        node('Gather', ['emission', 'ids'], ['gathered'], [intAttr('axis', 0)]),
        node('ReduceSum', ['gathered', 'sum_axes'], ['emissions'], [intAttr('keepdims', 0)]),
        node('Identity', ['transitions_w'], ['transitions']),
        node('Identity', ['start_w'], ['start']),
      ],
      initializer: [
        floatTensor('emission', [w.buckets, L], w.emission),
        floatTensor('transitions_w', [L, L], w.transitions),
        floatTensor('start_w', [L], w.start),
        int64Tensor('sum_axes', [1]),
      ],
      input: [valueInfo('ids', INT64, ['t', w.width])],
      output: [valueInfo('emissions', FLOAT, ['t', L]), valueInfo('transitions', FLOAT, [L, L]), valueInfo('start', FLOAT, [L])],
    },
    {
      'zhishou.format': ZHISHOU_FORMAT,
      'zhishou.kind': 'tagger',
      'zhishou.labels': JSON.stringify(model.labels),
      'zhishou.features': JSON.stringify(model.features),
    },
  );
}

function required(decoded: DecodedModel, name: string): Float32Array {
  const t = decoded.floats.get(name);
  if (!t) throw new Error(`model has no "${name}" initializer`);
  return t.data;
}

function checkFormat(decoded: DecodedModel, kind: string): void {
  const format = decoded.metadata['zhishou.format'];
  if (format !== ZHISHOU_FORMAT) throw new Error(`model format ${format ?? 'missing'} is not the supported format ${ZHISHOU_FORMAT}`);
  if (decoded.metadata['zhishou.kind'] !== kind) throw new Error(`expected a ${kind} model, got ${decoded.metadata['zhishou.kind'] ?? 'unknown'}`);
}

/** Rebuilds a classifier from its ONNX bytes (JS forward pass, eval CLI, consistency checks). */
export function importClassifierOnnx(bytes: Uint8Array): TextClassifierModel {
  const d = decodeModel(bytes);
  checkFormat(d, 'classifier');
  const labels = JSON.parse(d.metadata['zhishou.labels'] ?? '[]') as string[];
  const features = JSON.parse(d.metadata['zhishou.features'] ?? '{}') as ClassifierFeatureConfig;
  const shape = JSON.parse(d.metadata['zhishou.shape'] ?? '{}') as { dim: number; hidden: number };
  const task = d.metadata['zhishou.task'] as TextClassifierModel['task'];
  const weights = {
    buckets: features.buckets,
    dim: shape.dim,
    hidden: shape.hidden,
    classes: labels.length,
    embedding: required(d, 'embedding'),
    w1: shape.hidden ? required(d, 'w1') : new Float32Array(0),
    b1: shape.hidden ? required(d, 'b1') : new Float32Array(0),
    w2: required(d, 'w2'),
    b2: required(d, 'b2'),
    temperature: required(d, 'temperature')[0] ?? 1,
  };
  if (weights.embedding.length !== features.buckets * shape.dim) throw new Error('embedding size does not match the feature config');
  if (weights.b2.length !== labels.length) throw new Error(`model has ${weights.b2.length} outputs but ${labels.length} labels`);
  return { task, labels, features, weights };
}

export function importTaggerOnnx(bytes: Uint8Array): SlotTaggerModel {
  const d = decodeModel(bytes);
  checkFormat(d, 'tagger');
  const labels = JSON.parse(d.metadata['zhishou.labels'] ?? '[]') as string[];
  const features = JSON.parse(d.metadata['zhishou.features'] ?? '{}') as TaggerFeatureConfig;
  const L = labels.length;
  const weights = {
    buckets: features.buckets,
    labels: L,
    width: features.width,
    emission: required(d, 'emission'),
    transitions: required(d, 'transitions_w'),
    start: required(d, 'start_w'),
  };
  if (weights.emission.length !== features.buckets * L || weights.transitions.length !== L * L) throw new Error(`tagger weights do not match ${L} labels`);
  return { labels, features, weights };
}
