// A hostile page, in Chromium against the sandbox: with Licenskoll's panel open
// beside the withdraw dialog, page scripts dispatch synthetic clicks and keys at our UI and at the
// page's own controls, post window messages and custom events shaped like our protocol, try to
// reach the extension through chrome.runtime, clobber the document's and window's names that the
// content script looks up, remove and re-add (or replace) our host element, and patch the page
// world's prototypes. Proves, per case: 0 withdrawals in the sandbox log (no revoke, not even a dry
// run) and no job in the background, no selection or confirmation in our panel, no error from our
// code in the page's console — and that Licenskoll still works afterwards (a trusted search still
// filters the dialog), so the attacks met a live UI. Counts are printed. (The clobbering cases
// also assert that it took hold in the page's world; Chromium keeps named-element clobbering out of
// the content script's isolated world, which is why Licenskoll is unaffected there.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchChromiumWithExtension, sendFromPage } from '../e2e/harness/chromium.ts';
import { DIST } from '../e2e/harness/paths.ts';
import { startTestSandbox, type TestSandbox } from '../e2e/harness/sandbox.ts';
import { matching, studentLicenseAssignments, TOOL_PATH } from '../e2e/license-page-support.ts';
import { BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import { RELIABILITY_FULL, recordFigures } from './figures.ts';

let sandbox: TestSandbox;
let chromium: ExtensionBrowser;
let extensionPage: Page;

beforeAll(async () => {
  // A small school: the attacks do not depend on its size, and each case loads the dialog afresh.
  sandbox = await startTestSandbox(400);
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
  extensionPage = await chromium.context.newPage();
  await extensionPage.goto(`chrome-extension://${chromium.extensionId}/src/popup/index.html`);
});
afterAll(async () => {
  await chromium?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  await sandbox.reset();
});

interface Run {
  /** Errors (and "stopped" warnings) of our code: the content script's isolated world, our URLs. */
  ours: string[];
  /** Errors of the page's own scripts (a page that sabotages itself; reported, not ours). */
  pages: string[];
  dialogs: number;
  /** The content script's worlds (origin chrome-extension://ID) whose console is watched. */
  ourWorlds: () => number[];
  /** A probe: throws (and logs) an error inside the content script's world. */
  throwInOurWorld(message: string): Promise<void>;
}

interface CdpContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string };
}
interface CdpStack {
  callFrames: { url: string }[];
}

/**
 * Every error in the tab's console, from every world: the DevTools protocol reports the content
 * script's isolated world too (Playwright's pageerror covers the main world only).
 */
async function watch(page: Page): Promise<Run> {
  const contexts = new Map<number, CdpContext>();
  const cdp = await chromium.context.newCDPSession(page);
  const run: Run = {
    ours: [],
    pages: [],
    dialogs: 0,
    ourWorlds: () => [...contexts.values()].filter(isOurWorld).map((c) => c.id),
    async throwInOurWorld(message) {
      for (const contextId of run.ourWorlds()) {
        await cdp.send('Runtime.evaluate', {
          contextId,
          expression: `setTimeout(() => { throw new Error(${JSON.stringify(message)}); }, 0); console.error(${JSON.stringify(message)});`,
        });
      }
    },
  };
  const isOurWorld = (c: CdpContext) => c.origin === `chrome-extension://${chromium.extensionId}`;
  const isOurs = (contextId: number | undefined, text: string, stack?: CdpStack) => {
    const context = contextId === undefined ? undefined : contexts.get(contextId);
    return (
      (context !== undefined && isOurWorld(context)) ||
      (stack?.callFrames ?? []).some((f) => f.url.startsWith('chrome-extension://')) ||
      /chrome-extension:|\[Licenskoll\]/.test(text)
    );
  };
  const file = (ours: boolean, text: string) => (ours ? run.ours : run.pages).push(text.slice(0, 300));
  cdp.on('Runtime.executionContextCreated', ({ context }: { context: CdpContext }) => {
    contexts.set(context.id, context);
  });
  cdp.on(
    'Runtime.exceptionThrown',
    ({
      exceptionDetails: d,
    }: {
      exceptionDetails: {
        text: string;
        executionContextId?: number;
        url?: string;
        stackTrace?: CdpStack;
        exception?: { description?: string };
      };
    }) => {
      const text = `exception: ${d.exception?.description ?? d.text} ${d.url ?? ''}`;
      file(isOurs(d.executionContextId, text, d.stackTrace), text);
    },
  );
  cdp.on(
    'Runtime.consoleAPICalled',
    ({
      type,
      args,
      executionContextId,
      stackTrace,
    }: {
      type: string;
      args: { value?: unknown; description?: string }[];
      executionContextId: number;
      stackTrace?: CdpStack;
    }) => {
      const text = `console.${type}: ${args.map((a) => String(a.value ?? a.description ?? '')).join(' ')}`;
      const ours = isOurs(executionContextId, text, stackTrace);
      // Ours: errors, and warnings that a feature stopped (an exception caught and logged).
      if (type === 'error' || (ours && type === 'warning' && /stopped|failed/i.test(text))) file(ours, text);
    },
  );
  cdp.on('Log.entryAdded', ({ entry }: { entry: { level: string; text: string; url?: string } }) => {
    if (entry.level === 'error')
      file(/chrome-extension:/.test(`${entry.url ?? ''}`), `log: ${entry.text} ${entry.url ?? ''}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  page.on('dialog', (dialog) => {
    run.dialogs++;
    void dialog.dismiss();
  });
  return run;
}

const ours = (page: Page, what: string) => page.locator(`licenskoll-root [data-lk="${what}"]`);

/** The tool page with the students' withdraw dialog open and our panel ready. */
async function openPanel(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=${TOOL_PATH}`);
  await page
    .locator('licenskoll-root[data-page="license-page"]')
    .waitFor({ state: 'attached', timeout: 30_000 });
  await openDialog(page);
}

async function openDialog(page: Page): Promise<void> {
  await page.getByRole('tabpanel').locator('tbody tr button').first().click();
  await page.getByRole('dialog').locator('tbody tr').first().waitFor({ timeout: 30_000 });
  await ours(page, 'panel').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
}

/** Everything a page script posted has been delivered: a last message of its own came back. */
async function drainMessages(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const marker = `drained-${Math.random()}`;
        const listener = (event: MessageEvent) => {
          if (event.data !== marker) return;
          removeEventListener('message', listener);
          resolve();
        };
        addEventListener('message', listener);
        postMessage(marker, '*');
      }),
  );
}

/**
 * After an attack: nothing was selected or asked, nothing reached the sandbox or the background,
 * and a person's own search (trusted keys) still filters the dialog.
 */
async function expectNothingDoneAndAlive(page: Page): Promise<void> {
  await drainMessages(page);
  const rows = await studentLicenseAssignments(sandbox.client);
  // Trusted keys are handled after every synthetic event dispatched before them.
  await ours(page, 'search').click();
  await page.keyboard.type('asa');
  await expect
    .poll(() => page.getByRole('dialog').locator('tbody tr:visible').count(), { timeout: 15_000 })
    .toBe(matching(rows, 'asa').length);
  expect(await ours(page, 'panel').getAttribute('data-selected')).toBe('0');
  expect(await ours(page, 'confirm').count()).toBe(0);
  expect(await ours(page, 'confirm-undo').count()).toBe(0);
  const jobs = await sendFromPage<{ jobs: unknown[] }>(extensionPage, 'listJobs', { limit: 50 });
  expect(jobs.ok && jobs.data.jobs).toEqual([]);
}

interface Case {
  name: string;
  /** Runs in the page world before the page's own scripts (page.addInitScript). */
  init?: () => void;
  attack(page: Page): Promise<void>;
}

/** Synthetic clicks and keys at every control of ours and of the page's dialog, with the panel open. */
const syntheticInput: Case = {
  name: 'synthetic clicks and keys at our panel and the page’s controls',
  async attack(page) {
    await page.evaluate(() => {
      const shadow = document.querySelector('licenskoll-root')?.shadowRoot;
      const dialog = document.querySelector<HTMLElement>('[role="dialog"]');
      const keys: KeyboardEventInit[] = [
        { key: '/' },
        { key: 'a', code: 'KeyA', altKey: true },
        { key: 'j' },
        { key: 'x' },
        { key: ' ', code: 'Space' },
        { key: 'D', code: 'KeyD', shiftKey: true },
        { key: 'Enter' },
        { key: 'u' },
        { key: 'F', code: 'KeyF', altKey: true, shiftKey: true },
      ];
      const targets: EventTarget[] = [window, document, document.body];
      const box = dialog?.querySelector('tbody input[type="checkbox"]');
      if (box) targets.push(box);
      for (const init of keys)
        for (const target of targets)
          for (const type of ['keydown', 'keypress', 'keyup'])
            target.dispatchEvent(
              new KeyboardEvent(type, { bubbles: true, composed: true, cancelable: true, ...init }),
            );
      const press = (el: Element) => {
        (el as HTMLElement).click?.();
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
          el.dispatchEvent(
            new MouseEvent(type, {
              bubbles: true,
              composed: true,
              cancelable: true,
              shiftKey: type === 'click',
            }),
          );
      };
      // Every control of ours, twice (select all, withdraw, confirm, undo, chips...).
      for (let round = 0; round < 2; round++)
        for (const el of shadow?.querySelectorAll('button, [role="button"], input, [data-lk]') ?? [])
          press(el);
      const search = shadow?.querySelector<HTMLInputElement>('[data-lk="search"]');
      if (search) {
        search.value = 'zzz';
        search.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'zzz' }));
      }
      // The page's own row checkboxes (not its header "massändra" nor its "Dra tillbaka" button:
      // those are the page acting for itself, which no extension can or should stop).
      for (const el of [...(dialog?.querySelectorAll('tbody input[type="checkbox"]') ?? [])].slice(0, 25))
        press(el);
      for (const el of shadow?.querySelectorAll('[data-lk="confirm-withdraw"], [data-lk="undo-yes"]') ?? [])
        press(el);
    });
  },
};

const PROTOCOL_MESSAGES = (toolId: string) => [
  {
    channel: 'licenskoll/v1',
    type: 'startWithdrawal',
    payload: { toolId, assignmentIds: ['a-1'], label: 'x' },
  },
  { channel: 'licenskoll/v1', type: 'previewWithdrawal', payload: { toolId, assignmentIds: ['a-1'] } },
  { channel: 'licenskoll/v1', type: 'undoJob', payload: { jobId: 'job-1' } },
  { channel: 'licenskoll/v1', command: 'focus-search' },
  { channel: 'licenskoll/v1', command: 'undo-last-job' },
  { channel: 'licenskoll/v1', event: 'jobChanged', payload: { job: { id: 'j', state: 'done' } } },
  { channel: 'licenskoll/v1', event: 'syncFinished', payload: { ok: true } },
  'withdraw',
  JSON.stringify({ channel: 'licenskoll/v1', type: 'startWithdrawal' }),
];

const messages: Case = {
  name: 'window messages and custom events shaped like our protocol',
  async attack(page) {
    await page.evaluate((forged) => {
      const root = document.querySelector('licenskoll-root');
      for (const message of forged) {
        window.postMessage(message, '*');
        window.postMessage(message, location.origin);
        window.dispatchEvent(new MessageEvent('message', { data: message, origin: location.origin }));
        for (const target of [window, document, document.body, root]) {
          for (const type of [
            'licenskoll',
            'licenskoll/v1',
            'licenskoll:withdraw',
            'message',
            'focus-search',
          ]) {
            target?.dispatchEvent(new CustomEvent(type, { detail: message, bubbles: true, composed: true }));
          }
        }
      }
      // A frame of the page's own that posts to its parent, as a cross-frame sender would.
      const frame = document.createElement('iframe');
      frame.srcdoc = `<script>for (const m of ${JSON.stringify(forged)}) parent.postMessage(m, '*');</script>`;
      document.body.append(frame);
    }, PROTOCOL_MESSAGES(BIG_TOOL_ID));
  },
};

let runtimeInPage = 0;
const runtime: Case = {
  name: 'forged chrome.runtime messages from the page world',
  async attack(page) {
    const reached = await page.evaluate(
      async ({ id, forged }) => {
        let reached = 0;
        const c = (globalThis as unknown as { chrome?: { runtime?: Record<string, unknown> } }).chrome;
        const rt = c?.runtime as
          | {
              sendMessage?: (...a: unknown[]) => unknown;
              connect?: (...a: unknown[]) => { postMessage(m: unknown): void };
            }
          | undefined;
        for (const message of forged) {
          try {
            if (typeof rt?.sendMessage === 'function') {
              reached++;
              await Promise.race([rt.sendMessage(id, message), new Promise((r) => setTimeout(r, 0))]);
            }
          } catch {
            // No extension listens to the page world (no externally_connectable): expected.
          }
          try {
            if (typeof rt?.connect === 'function') rt.connect(id).postMessage(message);
          } catch {
            // As above.
          }
        }
        return reached;
      },
      { id: chromium.extensionId, forged: PROTOCOL_MESSAGES(BIG_TOOL_ID) },
    );
    runtimeInPage += reached;
  },
};

/** Names the content script reads on document and window, clobbered by named elements. */
const CLOBBER_DOCUMENT = [
  'querySelector',
  'querySelectorAll',
  'adoptNode',
  'defaultView',
  'createTreeWalker',
  'baseURI',
  'implementation',
  'activeElement',
  'getElementById',
  'createRange',
];
const CLOBBER_WINDOW_IDS = [
  'browser',
  'chrome',
  'licenskoll-root',
  'lk-confirm-title',
  'lk-undo-title',
  'panel',
  'search',
];

/** The clobbering took hold in the page's world (Chromium keeps it out of the content script's). */
const clobbered = (page: Page) =>
  page.evaluate(
    () => typeof document.querySelector !== 'function' && typeof document.adoptNode !== 'function',
  );

function clobber([documentNames, windowIds]: [string[], string[]]): void {
  for (const name of documentNames) {
    const img = document.createElement('img');
    img.setAttribute('name', name);
    document.body.append(img);
    const form = document.createElement('form');
    form.setAttribute('name', name);
    const input = document.createElement('input');
    input.setAttribute('name', 'querySelectorAll');
    form.append(input);
    document.body.append(form);
  }
  for (const id of windowIds) {
    const form = document.createElement('form');
    form.id = id;
    const inner = document.createElement('input');
    inner.name = 'runtime';
    form.append(inner);
    document.body.append(form);
    const a = document.createElement('a');
    a.id = id;
    a.name = id;
    document.body.append(a);
  }
}

const clobberAfterStart: Case = {
  name: 'DOM clobbering of the names the content script looks up (with the panel open)',
  async attack(page) {
    await page.evaluate(clobber, [CLOBBER_DOCUMENT, CLOBBER_WINDOW_IDS] as [string[], string[]]);
    expect(await clobbered(page)).toBe(true);
    // The dialog is closed and opened again: every lookup runs on the clobbered document.
    await page.getByRole('dialog').getByRole('button', { name: 'Stäng' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 15_000 });
    await openDialog(page);
  },
};

const clobberBeforeStart: Case = {
  name: 'DOM clobbering in place before the content script starts',
  init: () => {
    document.addEventListener('DOMContentLoaded', () => {
      for (const name of [
        'querySelector',
        'querySelectorAll',
        'adoptNode',
        'defaultView',
        'createTreeWalker',
        'baseURI',
        'implementation',
        'activeElement',
        'getElementById',
        'createRange',
      ]) {
        const img = document.createElement('img');
        img.setAttribute('name', name);
        document.body.append(img);
      }
      for (const id of ['browser', 'chrome', 'licenskoll-root']) {
        const form = document.createElement('form');
        form.id = id;
        document.body.append(form);
      }
    });
  },
  async attack(page) {
    // The clobbering was there before we started; the panel opened on it (openPanel).
    expect(await clobbered(page)).toBe(true);
  },
};

const hostElement: Case = {
  name: 'the page removes and re-adds our host element, and moves it',
  async attack(page) {
    await page.evaluate(async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const host = document.querySelector('licenskoll-root');
      if (!host) throw new Error('no host element');
      host.remove();
      await frame();
      document.body.append(host);
      await frame();
      document.body.prepend(host);
      await frame();
      document.documentElement.append(host);
      await frame();
      host.remove();
      await frame();
      document.body.append(host);
      // A second, fake host of the page's own beside ours.
      const fake = document.createElement('licenskoll-root');
      fake.attachShadow({ mode: 'open' }).innerHTML = '<button data-lk="withdraw">Dra tillbaka</button>';
      document.body.append(fake);
      fake.shadowRoot?.querySelector('button')?.click();
    });
  },
};

const prototypes: Case = {
  name: 'the page patches DOM prototypes, isTrusted and JSON in its own world',
  async attack(page) {
    await page.evaluate(() => {
      try {
        Object.defineProperty(Event.prototype, 'isTrusted', { get: () => true, configurable: true });
      } catch {
        // isTrusted is unforgeable on the instance; the attempt is what counts.
      }
      const realQuery = Document.prototype.querySelector;
      Document.prototype.querySelector = function (this: Document, s: string) {
        return s.includes('licenskoll') ? null : realQuery.call(this, s);
      } as typeof realQuery;
      Element.prototype.addEventListener = () => undefined;
      JSON.parse = () => ({ channel: 'licenskoll/v1', type: 'startWithdrawal' });
    });
    // The page's own synthetic input again, now with its patched world.
    await syntheticInput.attack(page);
  },
};

const CASES: Case[] = [
  syntheticInput,
  messages,
  runtime,
  clobberAfterStart,
  clobberBeforeStart,
  hostElement,
  prototypes,
];
const figures = {
  cases: 0,
  withdrawals: 0,
  revokeCalls: 0,
  jobs: 0,
  ourConsoleErrors: 0,
  pageOwnErrors: 0,
  dialogs: 0,
  stillWorking: 0,
};

describe(`a hostile page: ${CASES.length} cases, 0 withdrawals and no errors of ours`, () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const page = await chromium.context.newPage();
      const run = await watch(page);
      if (c.init) await page.addInitScript(c.init);
      await openPanel(page);
      await c.attack(page);
      await expectNothingDoneAndAlive(page);
      figures.stillWorking++;
      const revokes = await sandbox.log({ operation: 'revoke' });
      const withdrawn = (await sandbox.revocationsPerId()).size;
      figures.cases++;
      figures.withdrawals += withdrawn;
      figures.revokeCalls += revokes.length;
      figures.ourConsoleErrors += run.ours.length;
      figures.pageOwnErrors += run.pages.length;
      figures.dialogs += run.dialogs;
      if (run.pages.length) console.log(`${c.name}: the page's own errors: ${run.pages.join(' | ')}`);
      await page.close();
      expect(withdrawn).toBe(0);
      expect(revokes).toEqual([]);
      expect(run.ours).toEqual([]);
      expect(run.dialogs).toBe(0);
      expect(run.ourWorlds().length).toBeGreaterThan(0);
    });
  }

  it('the console watch hears the content script’s own world (a probe error there is counted as ours)', async () => {
    const page = await chromium.context.newPage();
    const run = await watch(page);
    await openPanel(page);
    await run.throwInOurWorld('licenskoll-probe');
    await expect
      .poll(() => run.ours.filter((e) => e.includes('licenskoll-probe')).length, { timeout: 15_000 })
      .toBe(2);
    expect(run.pages).toEqual([]);
    await page.close();
  });

  it('reports its figures', () => {
    recordFigures('hostile-page', { ...figures, runtimeApiInPage: runtimeInPage });
    console.log(
      `hostile-page (${RELIABILITY_FULL ? 'full' : 'light'}): ${figures.cases} cases, ${figures.withdrawals} withdrawals, ` +
        `${figures.revokeCalls} revoke calls, ${figures.ourConsoleErrors} errors of ours in the console ` +
        `(${figures.pageOwnErrors} of the page's own), ${figures.stillWorking} still working after the attack, ` +
        `chrome.runtime reachable from the page ${runtimeInPage} times`,
    );
    expect(figures.cases).toBe(CASES.length);
  });
});
