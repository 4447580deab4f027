import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { CHANNEL, isRejection, screenMessage } = await import('./protocol.ts');

const OWN_ID = 'own-extension-id';
const OWN_ORIGIN = 'chrome-extension://own-extension-id';
const contentScript = {
  id: OWN_ID,
  url: 'https://app.skolon.com/skoladmin/verktyg/t1',
  tab: { id: 3 },
} as never;
const popup = { id: OWN_ID, url: `${OWN_ORIGIN}/src/popup/index.html` };

describe('screenMessage', () => {
  it('accepts a known, well-formed request from our content script or our own pages', () => {
    const hello = {
      channel: CHANNEL,
      type: 'hello',
      payload: { url: 'https://app.skolon.com/', page: 'other' },
    };
    expect(screenMessage(hello, contentScript, OWN_ID, OWN_ORIGIN)).toEqual(hello);
    const list = { channel: CHANNEL, type: 'listVisits', payload: { limit: 3 } };
    expect(screenMessage(list, popup, OWN_ID, OWN_ORIGIN)).toEqual(list);
  });

  it.each([
    ['another extension', { id: 'evil', url: 'chrome-extension://evil/x.html' }, 'is not this extension'],
    ['a sender with no page and no tab', { id: OWN_ID }, 'neither an extension page nor a content script'],
  ])('rejects a message from %s', (_, sender, reason) => {
    const message = { channel: CHANNEL, type: 'listVisits', payload: { limit: 1 } };
    const result = screenMessage(message, sender, OWN_ID, OWN_ORIGIN);
    expect(isRejection(result) && result.reason).toContain(reason);
  });

  it.each([
    ['not an object', 'hello', 'not an object'],
    ['off our channel', { type: 'hello', payload: {} }, 'not on the Licenskoll channel'],
    ['of an unknown type', { channel: CHANNEL, type: 'format', payload: {} }, 'unknown message type format'],
    [
      'of an inherited property name',
      { channel: CHANNEL, type: 'toString', payload: {} },
      'unknown message type',
    ],
    ['with a bad payload', { channel: CHANNEL, type: 'hello', payload: { url: 7 } }, 'bad payload for hello'],
  ])('rejects a message %s', (_, message, reason) => {
    const result = screenMessage(message, popup, OWN_ID, OWN_ORIGIN);
    expect(isRejection(result) && result.reason).toContain(reason);
  });
});

describe('requests for our own pages only', () => {
  it('refuses setSettings and clearCache from a content script, accepts them from an extension page', () => {
    const set = { channel: CHANNEL, type: 'setSettings', payload: { patch: { batchSize: 10 } } };
    const fromTab = screenMessage(set, contentScript, OWN_ID, OWN_ORIGIN);
    expect(isRejection(fromTab) && fromTab.reason).toContain('extension');
    expect(screenMessage(set, popup, OWN_ID, OWN_ORIGIN)).toEqual(set);
    const clear = { channel: CHANNEL, type: 'clearCache', payload: {} };
    expect(isRejection(screenMessage(clear, contentScript, OWN_ID, OWN_ORIGIN))).toBe(true);
  });

  it('checks a withdrawal payload: one tool, or several', () => {
    const one = { channel: CHANNEL, type: 'startWithdrawal', payload: { toolId: 't', assignmentIds: ['a'] } };
    expect(isRejection(screenMessage(one, popup, OWN_ID, OWN_ORIGIN))).toBe(false);
    const many = {
      channel: CHANNEL,
      type: 'startWithdrawal',
      payload: { selections: [{ toolId: 't', assignmentIds: ['a', 'b'] }] },
    };
    expect(isRejection(screenMessage(many, popup, OWN_ID, OWN_ORIGIN))).toBe(false);
    const empty = { channel: CHANNEL, type: 'startWithdrawal', payload: { toolId: 't', assignmentIds: [] } };
    expect(isRejection(screenMessage(empty, popup, OWN_ID, OWN_ORIGIN))).toBe(true);
  });
});
