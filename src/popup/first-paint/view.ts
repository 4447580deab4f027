// The popup's first paint, replayed: the DOM its first render made from the stored summary, kept as
// plain data in storage.local under the key of everything that render depended on. The next open's
// early script (early.ts, a classic script in the popup's head) rebuilds it as soon as its storage
// read answers, before the popup's module has run: no preact, no Intl, no messages, a few hundred
// createElement calls. The module then renders the live popup in its place (main.tsx).
// Everything here runs in the early script too: no polyfill, no preact, only pure shared modules.

import { LANGUAGE_KEY } from '../../shared/i18n.ts';
import { LANGUAGE_MESSAGES_KEY } from '../../shared/language-choice.ts';
import { SUMMARY_REVISION_KEY, SUMMARY_SNAPSHOT_KEY } from '../../shared/summary-snapshot.ts';
import { localToday } from '../../shared/ui/format.ts';

/** storage.local key of the kept view (JSON text of a KeptView). */
export const VIEW_KEY = 'popupView';
/**
 * storage.local key of the school an organisation admin chose in the popup, kept for its next open
 * ('' for none; the client keeps it, client.ts keptSchool).
 */
export const POPUP_SCHOOL_KEY = 'popupSchool';
/**
 * The popup's one read before its first paint: the language (and a chosen language's messages), the
 * background's summary snapshot, the school chosen last and the kept view, by their owners' keys
 * (modules without side effects: the early script's bundle takes only the keys from them).
 */
export const POPUP_READS = [
  LANGUAGE_KEY,
  LANGUAGE_MESSAGES_KEY,
  SUMMARY_SNAPSHOT_KEY,
  SUMMARY_REVISION_KEY,
  POPUP_SCHOOL_KEY,
  VIEW_KEY,
] as const;
/** Where the early script leaves its read (a promise of the items), for the popup's module. */
export const EARLY_READ_GLOBAL = '__licenskollPopupRead';
/** Set by the early script once it has replayed a kept view into #app (main.tsx takes over then). */
export const REPLAYED_GLOBAL = '__licenskollPopupReplayed';
/** True while the popup brings its kept view up to date (keep.tsx; bench/popup.ts waits for it between opens). */
export const KEEPING_GLOBAL = '__licenskollKeepingView';
/** Marks the popup's module starting (main.tsx; bench/popup.ts reads it). */
export const START_MARK = 'licenskoll:popup-start';
/** Marks the moment the cached summary is in the page (bench/popup.ts reads it). */
export const PAINTED_MARK = 'licenskoll:summary-painted';
/** Marks the early script's storage read answered (bench/popup.ts reads it). */
export const READ_MARK = 'licenskoll:popup-read';
/** Marks the live popup's first render: after a replay, the live popup in its place (bench and tests wait for it). */
export const READY_MARK = 'licenskoll:popup-ready';
/** Set each time the live popup has brought its figures up to date (the bench's next open waits for it). */
export const REFRESHED_MARK = 'licenskoll:summary-refreshed';

/** An element as [tag, attributes, children], or a text. */
export type ViewNode = string | [tag: string, attributes: [string, string][], children: ViewNode[]];

export interface KeptView {
  /** viewKey of what the view was rendered from. */
  key: string;
  nodes: ViewNode[];
}

/** The stored items a view is made from (inputsOf): a change to any of them calls for a new view (keep.tsx). */
export const VIEW_STORED_INPUTS = {
  revision: SUMMARY_REVISION_KEY,
  school: POPUP_SCHOOL_KEY,
  language: LANGUAGE_KEY,
} as const;

/** The inputs as the stored items (POPUP_READS) and this page have them. */
export function inputsOf(items: Record<string, unknown>, doc: Document, browserLanguage: string): ViewInputs {
  return {
    revision: items[VIEW_STORED_INPUTS.revision],
    school: items[VIEW_STORED_INPUTS.school],
    language: items[VIEW_STORED_INPUTS.language],
    browserLanguage,
    today: localToday(),
    build: popupModule(doc),
  };
}

/** What the popup's first render depends on, as the early script and the module both know it. */
export interface ViewInputs {
  /**
   * storage.local's revision of the summary snapshot (shared/summary-snapshot.ts summaryRevision,
   * written with it); none, no kept view.
   */
  revision: unknown;
  /** storage.local's chosen school. */
  school: unknown;
  /** storage.local's language choice. */
  language: unknown;
  /** The browser's language (the language when the choice is "auto"). */
  browserLanguage: string;
  /** Today's local date (what has expired, what is urgent). */
  today: string;
  /** The popup's build (its module's address carries the bundle's hash): markup of another build is not ours. */
  build: string;
}

/** One key for every input: a kept view is replayed only when each of them is the same ('' for none). */
export function viewKey(inputs: ViewInputs): string {
  if (typeof inputs.revision !== 'string' || inputs.revision === '') return '';
  return [
    2,
    inputs.revision,
    JSON.stringify([inputs.school ?? null, inputs.language ?? null]),
    inputs.browserLanguage,
    inputs.today,
    inputs.build,
  ].join('|');
}

/**
 * The popup's module as its page names it: fetched by a modulepreload link for the early script to
 * run (the build's page), or a module tag (a page as vite writes it). Its address carries the
 * bundle's hash: the build.
 */
export function popupModule(doc: Document): string {
  return (
    doc.querySelector('link[rel="modulepreload"]')?.getAttribute('href') ??
    doc.querySelector('script[type="module"]')?.getAttribute('src') ??
    ''
  );
}

/** The elements the popup's summary is made of; any other is left out of a kept view (and never built). */
const TAGS = new Set([
  'main',
  'header',
  'h1',
  'h2',
  'h3',
  'div',
  'span',
  'p',
  'b',
  'strong',
  'bdi',
  'a',
  'button',
  'select',
  'option',
  'input',
  'label',
  'dl',
  'dt',
  'dd',
  'ul',
  'li',
  'section',
  'progress',
]);
/** Attributes kept besides data-* and aria-*; href only to http(s). */
const ATTRIBUTES = new Set([
  'class',
  'id',
  'role',
  'type',
  'title',
  'href',
  'target',
  'rel',
  'tabindex',
  'disabled',
  'value',
  'selected',
  'checked',
  'placeholder',
  'for',
  'name',
  'style',
  'hidden',
  'lang',
  'dir',
  'max',
]);

function attributeAllowed(name: string, value: string): boolean {
  if (name === 'href') return /^https?:/i.test(value);
  return ATTRIBUTES.has(name) || /^(?:data|aria)-[a-z0-9-]+$/.test(name);
}

/** An attribute whose current state is the element's property, not the attribute: captured from that. */
const stateAttribute = (tag: string, name: string) =>
  name === 'selected' || name === 'checked' || (name === 'value' && tag === 'input');

/**
 * A rendered tree as plain data: only the elements and attributes above; a form control's current
 * state as attributes; an element marked data-volatile (a time relative to now) kept without its
 * text, which the live popup fills in.
 */
export function captureView(root: Element): ViewNode[] {
  const nodes: ViewNode[] = [];
  for (const child of root.childNodes) {
    if (child.nodeType === 3) nodes.push((child as Text).data);
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.localName;
    if (!TAGS.has(tag) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    const attributes: [string, string][] = [];
    for (const { name, value } of element.attributes)
      if (!stateAttribute(tag, name) && attributeAllowed(name, value)) attributes.push([name, value]);
    if (tag === 'option' && (element as HTMLOptionElement).selected) attributes.push(['selected', '']);
    if (tag === 'input') {
      const input = element as HTMLInputElement;
      if (input.checked) attributes.push(['checked', '']);
      if (input.value) attributes.push(['value', input.value]);
    }
    const volatile = element.hasAttribute('data-volatile');
    nodes.push([tag, attributes, volatile ? [] : captureView(element)]);
  }
  return nodes;
}

function build(doc: Document, nodes: ViewNode[], into: Node): void {
  for (const node of nodes) {
    if (typeof node === 'string') {
      into.appendChild(doc.createTextNode(node));
      continue;
    }
    const [tag, attributes, children] = node;
    if (!TAGS.has(tag)) continue;
    const element = doc.createElement(tag);
    for (const [name, value] of attributes)
      if (attributeAllowed(name, value)) element.setAttribute(name, value);
    build(doc, children, element);
    into.appendChild(element);
  }
}

/** A kept view from storage.local (JSON text), or null when it is not one. */
export function readKeptView(stored: unknown): KeptView | null {
  if (typeof stored !== 'string') return null;
  try {
    const value = JSON.parse(stored) as Partial<KeptView> | null;
    return value && typeof value.key === 'string' && Array.isArray(value.nodes)
      ? { key: value.key, nodes: value.nodes }
      : null;
  } catch {
    return null;
  }
}

/**
 * Builds `view` into `root` (in place of what it holds), inert: nothing in it answers a click or
 * takes focus until the live popup replaces it. Texts become text nodes, never markup.
 */
export function replayView(view: KeptView, root: Element): void {
  const doc = root.ownerDocument;
  const fragment = doc.createDocumentFragment();
  build(doc, view.nodes, fragment);
  root.setAttribute('inert', '');
  root.replaceChildren(fragment);
}

/**
 * The early script's step: replays the kept view into #app when it was rendered from exactly these
 * inputs and #app is still empty, marks the summary painted, and tells the module (REPLAYED_GLOBAL).
 */
export function replayKept(items: Record<string, unknown>, doc: Document, browserLanguage: string): boolean {
  const view = readKeptView(items[VIEW_KEY]);
  const root = doc.getElementById('app');
  if (!view?.key || !root || root.firstChild) return false;
  if (view.key !== viewKey(inputsOf(items, doc, browserLanguage))) return false;
  replayView(view, root);
  (globalThis as Record<string, unknown>)[REPLAYED_GLOBAL] = true;
  performance.mark(PAINTED_MARK);
  return true;
}
