// Keyboard first: / search, Esc clear, Alt+A select all matching, x or space toggle, j/k or
// arrows move, Shift+D withdraw, u undo, ? help, Alt+1…9 apply a saved view, Alt+S save the search
// as a view (KEY_BINDINGS; the help overlay shows them by key-help.ts). Hand-written rather than a library (tinykeys):
// eight single-key bindings need no sequences or parsing, and the rules that matter are ours
// (trusted events only, never while the person types in a field, Esc only when there is
// something to clear). One capture listener on window, so we decide before the page does.
import { isTrustedEvent, isTypingTarget } from '../core/trusted.ts';

export interface KeyActions {
  /** Is our panel present (a withdraw dialog is open)? Keys do nothing otherwise. */
  active(): boolean;
  focusSearch(): void;
  /** Returns true when it cleared something (then Esc is ours, not the page's). */
  clear(): boolean;
  selectAllMatching(): void;
  toggleFocused(): void;
  move(delta: number): void;
  withdraw(): void;
  undo(): void;
  help(): void;
  /** Alt+1…9: applies the n-th saved view of the panel's list (0-based). */
  applyView(index: number): void;
  /** Alt+S: opens "save view" with its name field focused. */
  saveView(): void;
  /** Is this element our own search field (inside the shadow root)? */
  isOurSearch(element: EventTarget | undefined): boolean;
}

export type KeyAction =
  | 'search'
  | 'clear'
  | 'selectAll'
  | 'toggle'
  | 'next'
  | 'previous'
  | 'withdraw'
  | 'undo'
  | 'help'
  | 'applyView'
  | 'saveView';

type KeyEvent = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** One key of a binding: by key name, or (with Alt) by physical key, with the modifiers it needs. */
interface KeySpec {
  key?: string;
  /** The physical key: on a Mac Alt+A types "å", so the key name cannot be relied on with Alt. */
  code?: string;
  alt?: boolean;
  shift?: boolean;
}

export interface KeyBinding {
  action: KeyAction;
  keys: readonly KeySpec[];
}

/**
 * Every key Licenskoll answers on the license page. How the help overlay shows and names each is
 * key-help.ts (loaded with the overlay), complete for every action by its type.
 */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { action: 'search', keys: [{ key: '/' }] },
  { action: 'clear', keys: [{ key: 'Escape' }] },
  { action: 'selectAll', keys: [{ code: 'KeyA', alt: true }] },
  { action: 'toggle', keys: [{ key: 'x' }, { key: ' ' }] },
  { action: 'next', keys: [{ key: 'j' }, { key: 'ArrowDown' }] },
  { action: 'previous', keys: [{ key: 'k' }, { key: 'ArrowUp' }] },
  { action: 'withdraw', keys: [{ key: 'D', shift: true }] },
  { action: 'undo', keys: [{ key: 'u' }] },
  { action: 'help', keys: [{ key: '?' }] },
  {
    action: 'applyView',
    keys: Array.from({ length: 9 }, (_, i) => ({ code: `Digit${i + 1}`, alt: true, shift: false })),
  },
  { action: 'saveView', keys: [{ code: 'KeyS', alt: true, shift: false }] },
];

/** Alt+1…9 name a view by their digit (the physical key: Alt+digit types other signs on a Mac). */
const viewIndexOf = (event: KeyEvent): number => Number(event.code.replace('Digit', '')) - 1;

function matches(spec: KeySpec, event: KeyEvent): boolean {
  if ((spec.alt ?? false) !== event.altKey) return false;
  if (spec.shift !== undefined && spec.shift !== event.shiftKey) return false;
  if (spec.code !== undefined) return event.code === spec.code;
  return event.key === spec.key;
}

/** Which action a key press asks for, or null. Pure, for tests. Ctrl and Cmd are the browser's. */
export function actionFor(event: KeyEvent): KeyAction | null {
  if (event.ctrlKey || event.metaKey) return null;
  return KEY_BINDINGS.find((binding) => binding.keys.some((spec) => matches(spec, event)))?.action ?? null;
}

export function bindKeys(win: Window, actions: KeyActions, signal: AbortSignal): void {
  win.addEventListener(
    'keydown',
    (event) => {
      if (!isTrustedEvent(event) || event.defaultPrevented || !actions.active()) return;
      const action = actionFor(event);
      if (!action) return;
      const origin = event.composedPath()[0];
      if (isTypingTarget(origin ?? null)) {
        // In our own search field, Esc clears it and the arrows leave it for the rows.
        if (!actions.isOurSearch(origin)) return;
        // "/" there selects what is typed (so the next word replaces it); names hold no slashes.
        // The Alt keys of saved views type nothing there either: applying a view from the search is fine.
        const fromSearch = ['clear', 'search', 'applyView', 'saveView'];
        if (!fromSearch.includes(action) && event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      }
      // Space on a checkbox or a button already acts natively (and is trusted): let it.
      if (
        event.key === ' ' &&
        origin instanceof HTMLElement &&
        origin.matches('input,button,[role="checkbox"],[role="button"]')
      )
        return;
      // Elsewhere, keys of our own buttons (Enter, Space) belong to them.
      let handled = true;
      switch (action) {
        case 'search':
          actions.focusSearch();
          break;
        case 'clear':
          handled = actions.clear();
          break;
        case 'selectAll':
          actions.selectAllMatching();
          break;
        case 'toggle':
          actions.toggleFocused();
          break;
        case 'next':
          actions.move(1);
          break;
        case 'previous':
          actions.move(-1);
          break;
        case 'withdraw':
          actions.withdraw();
          break;
        case 'undo':
          actions.undo();
          break;
        case 'help':
          actions.help();
          break;
        case 'applyView':
          actions.applyView(viewIndexOf(event));
          break;
        case 'saveView':
          actions.saveView();
          break;
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    { capture: true, signal },
  );
}
