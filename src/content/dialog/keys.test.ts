// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { isTypingTarget } from '../core/trusted.ts';
import { actionFor, bindKeys, type KeyActions } from './keys.ts';

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
    for (const fn of [
      actions.focusSearch,
      actions.clear,
      actions.selectAllMatching,
      actions.withdraw,
      actions.undo,
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
