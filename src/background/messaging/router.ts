// Receives every runtime message, screens it (ours, known, well-formed, from our own contexts, a
// request that kind of sender may make), and hands it to its typed handler. A rejected message is
// logged with its reason and answered with an error; it never throws into the worker. No reply
// carries a secret (the CSRF token), whatever a handler returns.
import browser, { type Runtime } from 'webextension-polyfill';
import type { ErrorCode, Handlers, Reply, RequestMessage, RequestType } from '../../shared/protocol/types.ts';
import { ApiError } from '../api/license-api.ts';
import { withoutSecrets } from '../platform/secrets.ts';
import { isRejection, screenMessage } from './screen.ts';

export function listen(handlers: Handlers): void {
  const ownId = browser.runtime.id;
  // The extension's base URL without its slash ('chrome-extension://<id>', 'moz-extension://<uuid>'):
  // not URL.origin, which is 'null' for schemes a runtime does not know.
  const ownOrigin = browser.runtime.getURL('/').replace(/\/+$/, '');
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const screened = screenMessage(message, sender, ownId, ownOrigin);
    if (isRejection(screened)) {
      console.warn(`[Licenskoll] rejected a message: ${screened.reason}`);
      return Promise.resolve({ ok: false, error: `rejected: ${screened.reason}`, code: 'REJECTED' });
    }
    return dispatch(handlers, screened, sender);
  });
}

async function dispatch<K extends RequestType>(
  handlers: Handlers,
  message: RequestMessage<K>,
  sender: Runtime.MessageSender,
): Promise<Reply<K>> {
  const handler = handlers[message.type] as Handlers[K];
  try {
    return { ok: true, data: withoutSecrets(await handler(message.payload, sender)) };
  } catch (error) {
    console.error(`[Licenskoll] ${message.type} failed`, error);
    return { ok: false, error: error instanceof Error ? error.message : String(error), code: codeOf(error) };
  }
}

/** What a UI can do about a failure: sign in again, wait for the network or the server, or read it. */
export function codeOf(error: unknown): ErrorCode {
  if (!(error instanceof ApiError)) return 'FAILED';
  if (error.code === 'SESSION_EXPIRED') return 'SESSION_EXPIRED';
  if (error.code === 'NETWORK' || error.code === 'TIMEOUT') return 'OFFLINE';
  if (error.code === 'RATE_LIMITED') return 'RATE_LIMITED';
  return 'API';
}
