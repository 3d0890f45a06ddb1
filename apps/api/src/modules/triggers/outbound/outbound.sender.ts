import type { HttpPort } from '@zhishou/flow-schema';
import type { RenderedAction } from '@zhishou/rules';
import { signedHeaders } from './signature';

export interface OutboundOptions {
  /** The marketplace chat service that receives send_message actions (none: those deliveries fail, visibly). */
  chatWebhookUrl: string | undefined;
  secret: string;
  timeoutMs: number;
  http: HttpPort;
  now: () => number;
}

export interface DeliveryEnvelope {
  deliveryId: string;
  bot: string;
  ruleId: string;
  jobId: string;
  action: RenderedAction;
  /** start_flow: the replies of the flow's first turn. */
  replies?: unknown[];
}

/** An action that can never succeed by retrying (dead-lettered at once). */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

async function post(options: OutboundOptions, url: string, body: string, deliveryId: string, extraHeaders: Record<string, string> = {}): Promise<void> {
  const response = await options.http.request({
    method: 'POST',
    url,
    headers: { ...extraHeaders, ...signedHeaders(options.secret, body, deliveryId, options.now()) },
    body,
    timeoutMs: options.timeoutMs,
  });
  if (response.status < 200 || response.status >= 300) throw new Error(`${url} answered ${response.status}`);
}

/**
 * Delivers one action as a signed webhook (HMAC over `timestamp.body`; see signature.ts). The delivery
 * id travels in `X-Zhishou-Delivery` so receivers can drop a retry of a delivery they already took.
 * HTTP goes through the api's HttpPort, so private addresses are refused unless allow-listed.
 */
export async function deliver(options: OutboundOptions, envelope: DeliveryEnvelope): Promise<void> {
  const { action } = envelope;
  switch (action.type) {
    case 'send_message': {
      if (!options.chatWebhookUrl) throw new Error('no outbound chat service configured (OUTBOUND_WEBHOOK_URL)');
      const body = JSON.stringify({ ...action, deliveryId: envelope.deliveryId, bot: envelope.bot, ruleId: envelope.ruleId, triggerId: envelope.jobId });
      return post(options, options.chatWebhookUrl, body, envelope.deliveryId);
    }
    case 'webhook':
      return post(options, action.url, action.body, envelope.deliveryId, action.headers);
    case 'start_flow': {
      // The flow ran in the conversation before delivery (see TriggerRunner); its replies go out like messages.
      if (!options.chatWebhookUrl) throw new Error('no outbound chat service configured (OUTBOUND_WEBHOOK_URL)');
      if (!envelope.replies) throw new PermanentDeliveryError('start_flow delivered without the flow having run');
      const body = JSON.stringify({ ...action, replies: envelope.replies, deliveryId: envelope.deliveryId, bot: envelope.bot, ruleId: envelope.ruleId, triggerId: envelope.jobId });
      return post(options, options.chatWebhookUrl, body, envelope.deliveryId);
    }
  }
}
