import { HANDOFF_PRIORITIES, type HandoffPriority } from '@zhishou/flow-schema';
import type { ApiClient } from '../../api/client';
import { unwrapList } from '../versions/versionsApi';

const enc = encodeURIComponent;

export type HandoffStatus = 'open' | 'claimed' | 'released';

export interface Handoff {
  id: string;
  bot: string;
  /** The conversation id the marketplace uses (`:cid` in the chat routes). */
  conversation: string;
  queue: string;
  priority: HandoffPriority;
  reason: string | null;
  status: HandoffStatus;
  claimedBy: string | null;
  createdAt: string;
}

export interface TranscriptMessage {
  seq: number;
  role: 'user' | 'bot' | 'agent';
  text: string;
  createdAt: string | null;
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

export function readHandoff(h: Loose): Handoff {
  const priority = str(h.priority);
  const status = str(h.status);
  const conversation = h.conversation && typeof h.conversation === 'object' ? (h.conversation as Loose) : {};
  return {
    id: str(h.id) ?? '',
    bot: str(h.botKey) ?? str(h.bot) ?? str(conversation.botKey) ?? '',
    conversation: str(h.externalId) ?? str(h.conversationExternalId) ?? str(conversation.externalId) ?? str(h.conversationId) ?? '',
    queue: str(h.queue) ?? 'default',
    priority: (HANDOFF_PRIORITIES as readonly string[]).includes(priority ?? '') ? (priority as HandoffPriority) : 'normal',
    reason: str(h.reason),
    status: status === 'claimed' || status === 'released' ? status : 'open',
    claimedBy: str(h.claimedBy),
    createdAt: str(h.createdAt) ?? '',
  };
}

const RANK: Record<HandoffPriority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };

/** Agents take the most urgent first, and among equals the one waiting longest. */
export function byPriority(a: Handoff, b: Handoff): number {
  return RANK[b.priority] - RANK[a.priority] || a.createdAt.localeCompare(b.createdAt);
}

export function readMessages(body: unknown): TranscriptMessage[] {
  return unwrapList<Loose>(body, 'messages')
    .map((m, i) => {
      const role = str(m.role);
      return {
        seq: typeof m.seq === 'number' ? m.seq : i + 1,
        role: role === 'bot' || role === 'agent' ? role : 'user',
        text: str(m.text) ?? '',
        createdAt: str(m.createdAt),
      } satisfies TranscriptMessage;
    })
    .sort((a, b) => a.seq - b.seq);
}

export function inboxApi(api: ApiClient) {
  return {
    list: async (bot?: string) => {
      const items = unwrapList<Loose>(await api.get(`/v1/handoffs${bot ? `?bot=${enc(bot)}` : ''}`), 'handoffs').map(readHandoff);
      return (bot ? items.filter((h) => h.bot === bot) : items).sort(byPriority);
    },
    transcript: async (h: Handoff) => readMessages(await api.get(`/v1/bots/${enc(h.bot)}/conversations/${enc(h.conversation)}/messages`)),
    claim: (id: string) => api.post<unknown>(`/v1/handoffs/${enc(id)}/claim`, {}),
    reply: (id: string, text: string) => api.post<unknown>(`/v1/handoffs/${enc(id)}/reply`, { text }),
    release: (id: string) => api.post<unknown>(`/v1/handoffs/${enc(id)}/release`, {}),
  };
}
