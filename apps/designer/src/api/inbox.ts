import { conversationViewSchema, handoffListSchema, handoffReleaseSchema, handoffReplySchema, handoffSchema, transcriptMessagesSchema, type Handoff } from '@zhishou/flow-schema';
import type { ApiClient } from './client';

const enc = encodeURIComponent;

/** The agent inbox: handoffs and the transcripts of their conversations. */
export function inboxApi(api: ApiClient) {
  return {
    list: async (bot?: string) => (await api.get(`/v1/handoffs${bot ? `?bot=${enc(bot)}` : ''}`, handoffListSchema)).handoffs,
    transcript: async (h: Pick<Handoff, 'botKey' | 'externalId'>) =>
      (await api.get(`/v1/bots/${enc(h.botKey)}/conversations/${enc(h.externalId)}/messages`, transcriptMessagesSchema)).messages,
    claim: (id: string) => api.post(`/v1/handoffs/${enc(id)}/claim`, {}, handoffSchema),
    reply: (id: string, text: string) => api.post(`/v1/handoffs/${enc(id)}/reply`, { text }, handoffReplySchema),
    release: (id: string) => api.post(`/v1/handoffs/${enc(id)}/release`, {}, handoffReleaseSchema),
  };
}

/** What the bot knew when it handed over: the conversation's node, flow version and filled slots. */
export function fetchConversation(api: ApiClient, bot: string, conversation: string) {
  return api.get(`/v1/bots/${enc(bot)}/conversations/${enc(conversation)}`, conversationViewSchema);
}
