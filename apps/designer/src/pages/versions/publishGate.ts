export type PublishBlockReason = 'role' | 'loading' | 'errors' | 'note';

/** Why the publish button is disabled, or null when it may be pressed. The reason is shown in words. */
export function publishBlockReason(input: { canPublish: boolean; loading: boolean; errorCount: number; note: string }): PublishBlockReason | null {
  if (!input.canPublish) return 'role';
  if (input.loading) return 'loading';
  if (input.errorCount > 0) return 'errors';
  if (input.note.trim().length === 0) return 'note';
  return null;
}
