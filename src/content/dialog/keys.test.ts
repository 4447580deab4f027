// @vitest-environment happy-dom
// The license page's keys: each key asks for one action, only from trusted events, never while the
// administrator types elsewhere; the help overlay lists every binding the handler answers.
import { describe, expect, it, vi } from 'vitest';
import { isTypingTarget } from '../core/trusted.ts';
import { HELP_ROWS, KEY_HELP } from './key-help.ts';
import { actionFor, bindKeys, KEY_BINDINGS, type KeyActions } from './keys.ts';

const key = (key: string, extra: Partial<KeyboardEvent> = {}) => ({
  key,
  code: extra.code ?? '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...extra,
});

describe('actionFor', () => {
  it.each([
    ['/', 'search'],
    ['Escape', 'clear'],
    ['x', 'toggle'],
    [' ', 'toggle'],
    ['j', 'next'],
    ['ArrowDown', 'next'],
    ['k', 'previous'],
    ['ArrowUp', 'previous'],
    ['u', 'undo'],
    ['?', 'help'],
    ['q', null],
  ])('%s → %s', (k, action) => {
    expect(actionFor(key(k))).toBe(action);
  });

  it('Alt+A by physical key (a Mac types "å"), Shift+D, and nothing with Ctrl or Cmd', () => {
    expect(actionFor(key('å', { altKey: true, code: 'KeyA' }))).toBe('selectAll');
    expect(actionFor(key('D', { shiftKey: true }))).toBe('withdraw');
    expect(actionFor(key('d'))).toBeNull();
    expect(actionFor(key('u', { ctrlKey: true }))).toBeNull();
    expect(actionFor(key('/', { metaKey: true }))).toBeNull();
  });
});

describe('the saved views keys', () => {
  it('Alt+1…9 apply a view by the physical digit, Alt+S saves; not with Shift', () => {
    expect(actionFor(key('¡', { altKey: true, code: 'Digit1' }))).toBe('applyView');
    expect(actionFor(key('9', { altKey: true, code: 'Digit9' }))).toBe('applyView');
    expect(actionFor(key('0', { altKey: true, code: 'Digit0' }))).toBeNull();
    expect(actionFor(key('1', { code: 'Digit1' }))).toBeNull();
    expect(actionFor(key('ß', { altKey: true, code: 'KeyS' }))).toBe('saveView');
    expect(actionFor(key('S', { altKey: true, shiftKey: true, code: 'KeyS' }))).toBeNull();
    expect(actionFor(key('!', { altKey: true, shiftKey: true, code: 'Digit1' }))).toBeNull();
  });
});

describe('bindKeys', () => {
  it('does nothing for synthetic (untrusted) key events', () => {
    const actions: KeyActions = {
      active: () => true,
      isOurSearch: () => false,
      focusSearch: vi.fn(),
      clear: vi.fn(() => true),
      selectAllMatching: vi.fn(),
      toggleFocused: vi.fn(),
      move: vi.fn(),
      withdraw: vi.fn(),
      undo: vi.fn(),
      help: vi.fn(),
      applyView: vi.fn(),
      saveView: vi.fn(),
    };
    const abort = new AbortController();
    bindKeys(window, actions, abort.signal);
    for (const k of ['/', 'Escape', 'x', 'j', 'D', 'u', '?'])
      document.body.dispatchEvent(
        new KeyboardEvent('keydown', { key: k, shiftKey: k === 'D', bubbles: true }),
      );
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'a', code: 'KeyA', altKey: true, bubbles: true }),
    );
    for (const code of ['Digit1', 'KeyS'])
      document.body.dispatchEvent(
        new KeyboardEvent('keydown', { key: '', code, altKey: true, bubbles: true }),
      );
    for (const fn of [
      actions.focusSearch,
      actions.clear,
      actions.selectAllMatching,
      actions.withdraw,
      actions.undo,
      actions.applyView,
      actions.saveView,
    ])
      expect(fn).not.toHaveBeenCalled();
    abort.abort();
  });

  it('knows which targets are typing', () => {
    const text = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    const area = document.createElement('textarea');
    expect(isTypingTarget(text)).toBe(true);
    expect(isTypingTarget(area)).toBe(true);
    expect(isTypingTarget(box)).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
  });
});

describe('KEY_BINDINGS', () => {
  it('gives every action exactly one binding, and the help overlay a row for each key it answers', () => {
    const actions = KEY_BINDINGS.map((b) => b.action);
    expect(new Set(actions).size).toBe(actions.length);
    // Every action has a help row, or is shown in another's (k beside j): the rows are its words.
    expect(Object.keys(KEY_HELP).sort()).toEqual([...actions].sort());
    expect(KEY_HELP.previous).toBeNull();
    expect(KEY_HELP.next?.shown).toContain('k');
    expect(HELP_ROWS).toHaveLength(actions.length - 1);
  });

  it.each(KEY_BINDINGS.flatMap((binding) => binding.keys.map((spec) => [binding.action, spec] as const)))(
    'answers %s for its key %o',
    (action, spec) => {
      const event = {
        key: spec.key ?? (spec.code === 'KeyA' ? 'å' : ''),
        code: spec.code ?? '',
        altKey: spec.alt ?? false,
        shiftKey: spec.shift ?? false,
        ctrlKey: false,
        metaKey: false,
      };
      expect(actionFor(event)).toBe(action);
      expect(actionFor({ ...event, ctrlKey: true })).toBeNull();
    },
  );
});
