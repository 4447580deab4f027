// The background screens every runtime message: only ours, known, well-formed, from our own pages or
// content scripts, and only the requests a content script makes are allowed from a tab.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { requestSchemas } from '../../shared/protocol/schemas.ts';
import { CHANNEL, type RequestType } from '../../shared/protocol/types.ts';
import { CONTENT_SCRIPT_REQUESTS, isRejection, screenMessage } from './screen.ts';

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

describe('what a content script may ask (an allow-list)', () => {
  it('is exactly the requests the content script makes: adding one is a deliberate change here', () => {
    expect([...CONTENT_SCRIPT_REQUESTS].sort()).toEqual([
      'deleteView',
      'getJob',
      'getPageMode',
      'getToolDetail',
      'getUiMessages',
      'hello',
      'listViews',
      'paceRoom',
      'previewWithdrawal',
      'recordPageWithdrawal',
      'reportPageFigures',
      'reportPageStatus',
      'resolveToolId',
      'saveSchedule',
      'saveView',
      'startWithdrawal',
      'sync',
      'takePendingView',
      'undoJob',
    ]);
  });

  it("matches the content script's own calls (request('…') in src/content)", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return files(path);
        return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
      });
    const used = new Set<string>();
    for (const file of files(join(import.meta.dirname, '..', '..', 'content'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\brequest\(\s*'(\w+)'/g)) {
        if (match[1]) used.add(match[1]);
      }
    }
    expect([...used].sort()).toEqual([...CONTENT_SCRIPT_REQUESTS].sort());
  });

  const all = Object.keys(requestSchemas) as RequestType[];
  const forPagesOnly = all.filter((type) => !CONTENT_SCRIPT_REQUESTS.has(type));

  it('leaves requests for our own pages only (settings, cache, jobs, journal, people, session)', () => {
    for (const type of [
      'setSettings',
      'clearCache',
      'getSettings',
      'getSessionState',
      'getSummary',
      'listJobs',
      'cancelJob',
      'listJournal',
      'exportJournal',
      'searchPeople',
      'assignmentsOf',
      'listVisits',
    ] as const) {
      expect(forPagesOnly).toContain(type);
    }
  });

  it.each(forPagesOnly)('refuses %s from a content script, whatever its payload', (type) => {
    const result = screenMessage({ channel: CHANNEL, type, payload: {} }, contentScript, OWN_ID, OWN_ORIGIN);
    expect(isRejection(result) && result.reason).toBe(`${type} is for the extension's own pages only`);
  });

  it.each(all)('lets an extension page send %s (only its payload is checked)', (type) => {
    const result = screenMessage({ channel: CHANNEL, type, payload: {} }, popup, OWN_ID, OWN_ORIGIN);
    if (isRejection(result)) expect(result.reason).toMatch(/^bad payload for /);
  });

  it('counts a page of another extension origin that merely starts like ours as no page of ours', () => {
    const lookalike = { id: OWN_ID, url: `${OWN_ORIGIN}-evil/page.html` };
    const result = screenMessage(
      { channel: CHANNEL, type: 'clearCache', payload: {} },
      lookalike,
      OWN_ID,
      OWN_ORIGIN,
    );
    expect(isRejection(result)).toBe(true);
  });

  it('treats our own page open in a tab as an extension page, not a content script', () => {
    const tabbedPopup = { ...popup, tab: { id: 9 } } as never;
    const clear = { channel: CHANNEL, type: 'clearCache', payload: {} };
    expect(screenMessage(clear, tabbedPopup, OWN_ID, OWN_ORIGIN)).toEqual(clear);
  });
});
