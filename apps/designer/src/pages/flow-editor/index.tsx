import { Placeholder } from '../../components/Placeholder';

export interface FlowEditorProps {
  botKey: string;
  flowKey: string;
  /** Open a published version read-only instead of the draft. */
  version?: number;
}

// The canvas lands here in the next step (designer-core).
export default function FlowEditorPage(_props: FlowEditorProps) {
  return <Placeholder titleKey="nav.flows" testId="flow-editor" />;
}
