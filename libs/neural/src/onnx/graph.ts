import type onnxProto from 'onnx-proto';
import { encodeModel, floatTensor, int64Tensor, node, type NodeProto, type Producer, type TensorProto, type ValueInfoProto } from './proto';

type Attribute = onnxProto.onnx.IAttributeProto;

/**
 * Collects the nodes and initializers of an inference graph as layers emit them. Names are made unique
 * by a counter; a parameter shared by two branches (siamese encoders) is stored once.
 */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  private readonly inits = new Map<string, TensorProto>();
  private counter = 0;

  /** Adds a node and returns its (first) output name. */
  op(opType: string, inputs: string[], attributes: Attribute[] = [], outputName?: string): string {
    const out = outputName ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push(node(opType, inputs, [out], attributes));
    return out;
  }

  /** A float initializer; the same name twice keeps the first (shared weights). */
  float(name: string, dims: number[], data: Float32Array): string {
    if (!this.inits.has(name)) this.inits.set(name, floatTensor(name, dims, data));
    return name;
  }

  /** An int64 constant vector (axes, shapes), deduplicated by value. */
  ints(values: number[]): string {
    const name = `const_i64_${values.join('_').replace(/-/g, 'm')}`;
    if (!this.inits.has(name)) this.inits.set(name, int64Tensor(name, values));
    return name;
  }

  encode(name: string, inputs: ValueInfoProto[], outputs: ValueInfoProto[], metadata: Record<string, string>, producer: Producer): Uint8Array {
    return encodeModel({ name, node: this.nodes, initializer: [...this.inits.values()], input: inputs, output: outputs }, metadata, producer);
  }
}
