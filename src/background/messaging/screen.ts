// What the background lets through: a runtime message is handled only when it is ours (channel),
// of a known type, from this extension's own pages or content scripts, a request that kind of
// sender may make, and with a payload its schema accepts (src/shared/protocol/schemas.ts).
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { requestSchemas } from '../../shared/protocol/schemas.ts';
import { CHANNEL, type RequestMessage, type RequestType } from '../../shared/protocol/types.ts';

/**
 * The only requests a tab's content script may make: what src/content actually sends (a test pins
 * this list and checks it against the content script's `request('…')` calls). Everything else
 * (settings, cache, the job list and journal, people search, the session) is for our own pages.
 */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'hello',
  'sync',
  'getToolDetail',
  'getPageMode',
  'paceRoom',
  'resolveToolId',
  'getUiMessages',
  'reportPageFigures',
  'reportPageStatus',
  'previewWithdrawal',
  'startWithdrawal',
  'undoJob',
  'getJob',
  'recordPageWithdrawal',
  // Saved views and the schedule form on the license page (issue 14).
  'listViews',
  'saveView',
  'deleteView',
  'saveSchedule',
  'takePendingView',
]);

/** Who sent a message: our own pages (popup, options) may send every request. */
type SenderKind = 'extensionPage' | 'contentScript';

/** The requests each kind of sender may make (null: all of them). */
const ALLOWED_REQUESTS: Record<SenderKind, ReadonlySet<RequestType> | null> = {
  extensionPage: null,
  contentScript: CONTENT_SCRIPT_REQUESTS,
};

export type Rejection = { reason: string };

/**
 * Our own pages are at our origin (popup, options; also when open in a tab); a content script
 * speaks from a tab at the page's address. Anything else (no page, no tab) is neither.
 */
function senderKind(
  sender: Pick<Runtime.MessageSender, 'url' | 'tab'>,
  ownOrigin: string,
): SenderKind | null {
  const url = sender.url;
  if (typeof url === 'string' && (url === ownOrigin || url.startsWith(`${ownOrigin}/`)))
    return 'extensionPage';
  return sender.tab ? 'contentScript' : null;
}

/** Decides whether a runtime message may be handled (see the head of this file). */
export function screenMessage(
  message: unknown,
  sender: Pick<Runtime.MessageSender, 'id' | 'url' | 'tab'>,
  ownId: string,
  ownOrigin: string,
): RequestMessage | Rejection {
  if (sender.id !== ownId) return { reason: `sender ${String(sender.id)} is not this extension` };
  const kind = senderKind(sender, ownOrigin);
  if (kind === null) return { reason: 'sender is neither an extension page nor a content script' };
  if (typeof message !== 'object' || message === null) return { reason: 'message is not an object' };
  const { channel, type } = message as Partial<RequestMessage>;
  if (channel !== CHANNEL) return { reason: 'message is not on the Licenskoll channel' };
  if (typeof type !== 'string' || !Object.hasOwn(requestSchemas, type)) {
    return { reason: `unknown message type ${String(type)}` };
  }
  const allowed = ALLOWED_REQUESTS[kind];
  if (allowed !== null && !allowed.has(type as RequestType)) {
    return { reason: `${type} is for the extension's own pages only` };
  }
  const checked = v.safeParse(requestSchemas[type as RequestType], (message as RequestMessage).payload);
  if (!checked.success)
    return { reason: `bad payload for ${type}: ${checked.issues[0]?.message ?? 'invalid'}` };
  return { channel: CHANNEL, type: type as RequestType, payload: checked.output } as RequestMessage;
}

export function isRejection(x: RequestMessage | Rejection): x is Rejection {
  return 'reason' in x;
}
