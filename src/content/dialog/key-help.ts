// How the keyboard help overlay shows each of keys.ts's bindings: its keys, one <kbd> each, and its
// words (a message key of public/_locales). Apart from the bindings so that the key handler, loaded
// with the panel, does not carry the overlay's words; this loads with the overlay (ui/Help.tsx).
// Typed per action, so a new binding without its help row does not compile.
import type { MessageKey } from '../../shared/i18n.ts';
import type { KeyAction } from './keys.ts';

export interface KeyHelpRow {
  shown: readonly string[];
  help: MessageKey;
}

/** Each action's row, in the overlay's order; null where another row shows it (k beside j). */
export const KEY_HELP: Readonly<Record<KeyAction, KeyHelpRow | null>> = {
  search: { shown: ['/'], help: 'contentKeySearch' },
  clear: { shown: ['Esc'], help: 'contentKeyClear' },
  selectAll: { shown: ['Alt', 'A'], help: 'contentKeySelectAll' },
  toggle: { shown: ['x'], help: 'contentKeyToggle' },
  next: { shown: ['j', 'k'], help: 'contentKeyMove' },
  previous: null,
  withdraw: { shown: ['Shift', 'D'], help: 'contentKeyWithdraw' },
  undo: { shown: ['u'], help: 'contentKeyUndo' },
  help: { shown: ['?'], help: 'contentKeyHelp' },
  applyView: { shown: ['Alt', '1–9'], help: 'viewKeyApply' },
  saveView: { shown: ['Alt', 'S'], help: 'viewKeySave' },
};

/** The overlay's rows. */
export const HELP_ROWS: readonly KeyHelpRow[] = Object.values(KEY_HELP).filter(
  (row): row is KeyHelpRow => row !== null,
);
