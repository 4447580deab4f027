// The UIs' side of the protocol (content script, popup, options): typed requests and events
// without the run-time schemas (valibot), which only the background loads to screen what arrives.
// Types come from ./types.ts, so the two sides cannot disagree. No polyfill either: the content
// script loads this on every page of the origin, where webextension-polyfill alone would take a
// third of its start-up budget (../extension-api.ts says why the browser's own API does).
import type Browser from 'webextension-polyfill';
import { extensionApi } from '../extension-api.ts';
import {
  CHANNEL,
  type ErrorCode,
  type EventMessage,
  type Events,
  type EventType,
  type Reply,
  type RequestMessage,
  type RequestOf,
  type RequestType,
  type ResponseOf,
} from './types.ts';

type Runtime = Browser.Runtime.Static;

function runtime(): Runtime {
  try {
    return extensionApi().runtime;
  } catch {
    throw new ProtocolError('no extension runtime here', 'FAILED');
  }
}

/** A request the background answered with an error; `code` says what the UI can do about it. */
class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** True when the failure is about reaching Skolon (signed out, offline, busy), not about the request. */
export const isUnreachable = (error: unknown): boolean =>
  error instanceof ProtocolError &&
  (error.code === 'SESSION_EXPIRED' || error.code === 'OFFLINE' || error.code === 'RATE_LIMITED');

/** Sends a typed request to the background and unwraps its reply. */
export async function request<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const message: RequestMessage<K> = { channel: CHANNEL, type, payload };
  const reply = (await runtime().sendMessage(message)) as Reply<K> | undefined;
  if (!reply) throw new ProtocolError(`no reply to ${type}`, 'FAILED');
  if (!reply.ok) throw new ProtocolError(reply.error, reply.code ?? 'FAILED');
  return reply.data;
}

const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>([
  'jobChanged',
  'syncFinished',
  'sessionChanged',
  'focusSearch',
]);

/** True for an event of ours, sent by this extension (the background). */
function isEventMessage(
  message: unknown,
  sender: Pick<Browser.Runtime.MessageSender, 'id'>,
  ownId: string,
): message is EventMessage {
  if (sender.id !== ownId || typeof message !== 'object' || message === null) return false;
  const { channel, event } = message as Partial<EventMessage>;
  return channel === CHANNEL && typeof event === 'string' && EVENT_TYPES.has(event);
}

/** Subscribes to one event type from the background; returns the unsubscribe function. */
export function onEvent<K extends EventType>(type: K, handler: (payload: Events[K]) => void): () => void {
  const api = runtime();
  const listener = (message: unknown, sender: Browser.Runtime.MessageSender) => {
    if (isEventMessage(message, sender, api.id) && message.event === type) {
      handler(message.payload as Events[K]);
    }
    // Never answer: events are one-way, and returning nothing lets other listeners reply.
    return undefined;
  };
  api.onMessage.addListener(listener);
  return () => api.onMessage.removeListener(listener);
}
