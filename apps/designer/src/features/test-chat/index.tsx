/**
 * The test chat panel the flow editor shows in its side drawer. Props: `botKey`, `flowKey`,
 * `version` (the published version open, or undefined for the draft), `onPath` (pass the editor
 * store's `setHighlight`: each turn's path and current node are drawn on the canvas), `dirty`.
 */
export { TestChatPanel, type TestChatPanelProps } from './TestChatPanel';
export { EMPTY_PATH, pathFromTrace, type TurnPath } from './chatPath';
