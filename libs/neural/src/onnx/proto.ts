import onnxProto from 'onnx-proto';

/** The generated ONNX protobuf classes (onnx-proto ships CommonJS). */
export const onnx = onnxProto.onnx;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;

/** Opset 13: ReduceMean/ReduceMax take `axes` as an attribute; ReduceSum, Squeeze and Unsqueeze as an input. */
export const OPSET = 13;
export const IR_VERSION = 7;

export function floatTensor(name: string, dims: number[], data: Float32Array): TensorProto {
  if (dims.reduce((a, b) => a * b, 1) !== data.length) throw new Error(`tensor ${name}: dims ${dims.join('×')} do not match ${data.length} values`);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return { name, dims, dataType: FLOAT, rawData: bytes };
}

export function int64Tensor(name: string, values: number[]): TensorProto {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  return { name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer) };
}

export function node(opType: string, input: string[], output: string[], attribute: onnxProto.onnx.IAttributeProto[] = []): NodeProto {
  return { opType, input, output, name: `${opType}_${output[0]}`, attribute };
}

export function intsAttr(name: string, ints: number[]): onnxProto.onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints };
}

export function intAttr(name: string, i: number): onnxProto.onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i };
}

export function floatAttr(name: string, f: number): onnxProto.onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f };
}

/** A tensor-typed graph input/output; string dims are symbolic (dynamic). */
export function valueInfo(name: string, elemType: number, dims: (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** Who wrote the model (ONNX producer fields); each lib passes its own name and format version. */
export interface Producer {
  name: string;
  version: string;
}

export function encodeModel(graph: onnxProto.onnx.IGraphProto, metadata: Record<string, string>, producer: Producer): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: producer.name,
    producerVersion: producer.version,
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

export interface DecodedModel {
  metadata: Record<string, string>;
  floats: Map<string, { dims: number[]; data: Float32Array }>;
}

/** Reads metadata and float initializers back (for the JS reference forward pass and checks). */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new Error(`not an ONNX model: ${(e as Error).message}`);
  }
  const metadata = Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  const floats = new Map<string, { dims: number[]; data: Float32Array }>();
  for (const t of model.graph?.initializer ?? []) {
    if (t.dataType !== FLOAT || !t.name) continue;
    const raw = t.rawData ?? new Uint8Array(0);
    const copy = new Uint8Array(raw.byteLength);
    copy.set(raw);
    floats.set(t.name, { dims: (t.dims ?? []).map(Number), data: new Float32Array(copy.buffer) });
  }
  return { metadata, floats };
}
