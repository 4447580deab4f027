// Keyboard first: / search, Esc clear, Alt+A select all matching, x or space toggle, j/k or
// arrows move, Shift+D withdraw, u undo, ? help. Hand-written rather than a library (tinykeys):
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
  | 'help';

/** Which action a key press asks for, or null. Pure, for tests and the help overlay. */
export function actionFor(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
): KeyAction | null {
  if (event.ctrlKey || event.metaKey) return null;
  // Alt+A by physical key: on a Mac, Alt+A types "å", so the key name cannot be relied on.
  if (event.altKey) return event.code === 'KeyA' && !event.shiftKey ? 'selectAll' : null;
  switch (event.key) {
    case '/':
      return 'search';
    case 'Escape':
      return 'clear';
    case 'x':
    case ' ':
      return 'toggle';
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'D':
      return event.shiftKey ? 'withdraw' : null;
    case 'u':
      return 'undo';
    case '?':
      return 'help';
    default:
      return null;
  }
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
        if (action !== 'clear' && action !== 'search' && event.key !== 'ArrowDown' && event.key !== 'ArrowUp')
          return;
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
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    { capture: true, signal },
  );
}
