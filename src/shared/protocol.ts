// The one message protocol between background, content script, popup and options.
// Every request is declared once in `Requests`: sender and handler are typed from it, so a call
// site cannot disagree with its handler, and a missing handler is a compile error (see `Handlers`).
import * as v from 'valibot';
import browser, { type Runtime } from 'webextension-polyfill';

export type PageKind = 'license-page' | 'admin-page' | 'other';

export interface Visit {
  id?: number;
  url: string;
  page: PageKind;
  at: number;
}

/** request type → what it carries and what it answers. */
export interface Requests {
  /** A content script announces itself; the background records the visit. */
  hello: { req: { url: string; page: PageKind }; res: { visitId: number; version: string } };
  /** A UI asks for the recent visits (the popup's "alive" view). */
  listVisits: { req: { limit: number }; res: { visits: Visit[] } };
}

export type RequestType = keyof Requests;

const pageKind = v.picklist(['license-page', 'admin-page', 'other']);

/** Run-time shape of every request's payload: what arrives is checked before a handler sees it. */
export const requestSchemas: { [K in RequestType]: v.GenericSchema<Requests[K]['req']> } = {
  hello: v.object({ url: v.pipe(v.string(), v.maxLength(4096)), page: pageKind }),
  listVisits: v.object({ limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)) }),
};

export type RequestOf<K extends RequestType> = Requests[K]['req'];
export type ResponseOf<K extends RequestType> = Requests[K]['res'];

export interface RequestMessage<K extends RequestType = RequestType> {
  channel: typeof CHANNEL;
  type: K;
  payload: RequestOf<K>;
}

export type Reply<K extends RequestType> = { ok: true; data: ResponseOf<K> } | { ok: false; error: string };

/** Marks our messages, so that unrelated runtime messages are never mistaken for ours. */
export const CHANNEL = 'licenskoll/v1';

export class ProtocolError extends Error {}

/** Sends a typed request to the background and unwraps its reply. */
export async function request<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const message: RequestMessage<K> = { channel: CHANNEL, type, payload };
  const reply = (await browser.runtime.sendMessage(message)) as Reply<K> | undefined;
  if (!reply) throw new ProtocolError(`no reply to ${type}`);
  if (!reply.ok) throw new ProtocolError(reply.error);
  return reply.data;
}

export type Handlers = {
  [K in RequestType]: (payload: RequestOf<K>, sender: Runtime.MessageSender) => Promise<ResponseOf<K>>;
};

export type Rejection = { reason: string };

/**
 * Decides whether a runtime message may be handled: it must be ours (channel), of a known type,
 * and come from this extension's own pages or content scripts.
 */
export function screenMessage(
  message: unknown,
  sender: Pick<Runtime.MessageSender, 'id' | 'url' | 'tab'>,
  ownId: string,
  ownOrigin: string,
): RequestMessage | Rejection {
  if (sender.id !== ownId) return { reason: `sender ${String(sender.id)} is not this extension` };
  const fromOwnPage = typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
  if (!fromOwnPage && !sender.tab)
    return { reason: 'sender is neither an extension page nor a content script' };
  if (typeof message !== 'object' || message === null) return { reason: 'message is not an object' };
  const { channel, type } = message as Partial<RequestMessage>;
  if (channel !== CHANNEL) return { reason: 'message is not on the Licenskoll channel' };
  if (typeof type !== 'string' || !Object.hasOwn(requestSchemas, type)) {
    return { reason: `unknown message type ${String(type)}` };
  }
  const checked = v.safeParse(requestSchemas[type as RequestType], (message as RequestMessage).payload);
  if (!checked.success)
    return { reason: `bad payload for ${type}: ${checked.issues[0]?.message ?? 'invalid'}` };
  return { channel: CHANNEL, type: type as RequestType, payload: checked.output };
}

export function isRejection(x: RequestMessage | Rejection): x is Rejection {
  return 'reason' in x;
}
