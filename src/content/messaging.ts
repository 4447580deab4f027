// The content script's side of src/shared/protocol.ts, typed from it but without its run-time
// schemas (valibot): the background screens every message anyway, and the content script's
// budget is 30 KB. Types only are imported, so the two cannot disagree.
import browser, { type Runtime } from 'webextension-polyfill';
import type {
  EventMessage,
  Events,
  EventType,
  Reply,
  RequestMessage,
  RequestOf,
  RequestType,
  ResponseOf,
} from '../shared/protocol.ts';

export const CHANNEL = 'licenskoll/v1' satisfies typeof import('../shared/protocol.ts').CHANNEL;

export async function request<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const message: RequestMessage<K> = { channel: CHANNEL, type, payload };
  const reply = (await browser.runtime.sendMessage(message)) as Reply<K> | undefined;
  if (!reply) throw new Error(`no reply to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/** Events from the background only (this extension's id), on our channel, of the given type. */
export function onEvent<K extends EventType>(type: K, handler: (payload: Events[K]) => void): () => void {
  const listener = (message: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || typeof message !== 'object' || message === null) return undefined;
    const m = message as Partial<EventMessage>;
    if (m.channel === CHANNEL && m.event === type) handler(m.payload as Events[K]);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
