// The ONNX protobuf builder lives once, in @zhishou/neural; the NLU graphs add their producer and format.
import { encodeModel as encode, type Producer } from '@zhishou/neural';

export { decodeModel, type DecodedModel, FLOAT, floatTensor, INT64, int64Tensor, intAttr, intsAttr, node, type NodeProto, OPSET, type TensorProto, valueInfo } from '@zhishou/neural';

/** Bumped when the graph layout or metadata contract changes; serving refuses other versions. */
export const ZHISHOU_FORMAT = '1';

const PRODUCER: Producer = { name: 'zhishou-nlu', version: ZHISHOU_FORMAT };

export function encodeModel(graph: Parameters<typeof encode>[0], metadata: Record<string, string>): Uint8Array {
  return encode(graph, metadata, PRODUCER);
}
