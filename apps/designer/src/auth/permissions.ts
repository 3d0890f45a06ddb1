import type { Role } from '@zhishou/flow-schema';

/** What a role may do in the designer; the api enforces the same rules, this only shapes the UI. */
export const ACTIONS = [
  'bot.create', 'flow.edit', 'flow.publish', 'flow.rollback', 'apikey.manage', 'nlu.edit', 'model.train',
  'model.activate', 'rules.edit', 'rules.publish', 'inbox.use', 'preview.chat', 'nlu.publish',
] as const;
export type Action = (typeof ACTIONS)[number];

const EDITOR: Action[] = ['flow.edit', 'nlu.edit', 'rules.edit', 'model.train', 'preview.chat'];
const PUBLISHER: Action[] = [...EDITOR, 'flow.publish', 'flow.rollback', 'rules.publish', 'model.activate', 'nlu.publish'];

const GRANTS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set(ACTIONS),
  publisher: new Set(PUBLISHER),
  editor: new Set(EDITOR),
  agent: new Set<Action>(['inbox.use']),
  viewer: new Set<Action>(),
};

export function can(role: Role | undefined, action: Action): boolean {
  return role !== undefined && GRANTS[role].has(action);
}
