// @vitest-environment happy-dom
// The dialog session against the saved license page and a fake background: the tool's data is
// asked for when the page is followed, so a dialog that opens later maps from it at once (before
// its own answer arrives), and maps again only when its own answer differs.
import { afterEach, expect, it, vi } from 'vitest';
import { loadSavedDialogPage } from '../../../test/support/saved-dialog.ts';
import type { Assignment } from '../../shared/model.ts';
import type { Background, ToolData } from '../bridge.ts';
import { DialogController } from '../dialog/controller.ts';
import { recogniseWithdrawDialog } from '../page/dialog.ts';
import { recogniseLicensePage } from '../page/recognise.ts';
import { followDialogs } from './dialog-session.ts';
import { askEarly, type EarlyToolData } from './early-data.ts';

// The page reads stay real; the spy tells which clicks made one.
vi.mock('../page/recognise.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../page/recognise.ts')>();
  return { ...real, recogniseLicensePage: vi.fn(real.recogniseLicensePage) };
});

const assignment = (id: string): Assignment =>
  ({
    id,
    licenseId: 'l1',
    assignee: {
      type: 'USER',
      id: `u-${id}`,
      name: `Person ${id}`,
      role: 'STUDENT',
      active: true,
      groups: [],
    },
  }) as unknown as Assignment;
const data = (fetchedAt: number, ids: string[]): ToolData => ({
  licenses: [],
  pools: [],
  assignments: ids.map(assignment),
  fetchedAt,
});

let abort: AbortController | null = null;
afterEach(() => abort?.abort());
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 1));
};

async function pageWithoutDialog() {
  loadSavedDialogPage();
  const found = recogniseWithdrawDialog(document);
  if (!found.ok) throw new Error(`the fixture's dialog is not recognised: ${found.reason}`);
  const dialog = found.value.element;
  const parent = dialog.parentElement as HTMLElement;
  dialog.remove();
  return { reopen: () => parent.append(dialog) };
}

function follow(
  answers: Promise<ToolData>[],
  lastClick?: () => Element | null,
  early?: EarlyToolData,
  onController?: (c: DialogController | null) => void,
) {
  const toolData = vi.fn((_id: string) => answers.shift() ?? new Promise<ToolData>(() => undefined));
  const bg = {
    mode: vi.fn(async () => ({ mode: 'api' as const, reason: null })),
    resolveToolId: vi.fn(async () => 't1'),
    toolData,
  } as unknown as Background;
  let controller: DialogController | null = null;
  abort = new AbortController();
  const session = followDialogs({
    doc: document,
    signal: abort.signal,
    toolId: 't1',
    ...(lastClick ? { lastClick } : {}),
    ...(early ? { early } : {}),
    background: () => bg,
    events: {
      controller: (c) => {
        controller = c;
        onController?.(c);
      },
      modeReason: () => undefined,
      paging: () => undefined,
    },
  });
  return { toolData, mode: bg.mode as ReturnType<typeof vi.fn>, controller: () => controller, session };
}

it("asks for the tool's data when the page is followed and maps a later dialog from it at once", async () => {
  // The page is idle when the test says so: a timer standing in for idleness fired early on a
  // loaded machine, before the first expectation below.
  const idle: (() => void)[] = [];
  vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
  vi.stubGlobal('cancelIdleCallback', () => undefined);
  try {
    const { reopen } = await pageWithoutDialog();
    const early = data(1, ['a', 'b']);
    // The open's own answer never comes: the mapping must come from what was asked for earlier.
    const session = follow([Promise.resolve(early)]);
    await settle();
    expect(session.toolData).toHaveBeenCalledTimes(1);
    expect(session.controller()).toBeNull();
    reopen();
    await settle();
    const controller = session.controller();
    expect(controller).not.toBeNull();
    expect(controller?.tool).toBe(early);
    // Whether the data is still fresh is asked once the panel is up, when the page is idle.
    expect(session.toolData).toHaveBeenCalledTimes(1);
    for (const run of idle.splice(0)) run();
    await vi.waitFor(() => expect(session.toolData).toHaveBeenCalledTimes(2));
  } finally {
    vi.unstubAllGlobals();
  }
});

it('makes a dialog opened once the data is in hand with it: the UI first hears of it mapped, mapped once', async () => {
  const { reopen } = await pageWithoutDialog();
  const early = data(1, ['a', 'b']);
  const setTool = vi.spyOn(DialogController.prototype, 'setTool');
  try {
    const seen: (ToolData | 'closed' | null)[] = [];
    const session = follow([Promise.resolve(early), Promise.resolve(early)], undefined, undefined, (c) =>
      seen.push(c ? c.tool : 'closed'),
    );
    await settle();
    reopen();
    await settle();
    expect(session.controller()?.tool).toBe(early);
    // Never a controller without the data first (a render, then a mapping and a render again).
    expect(seen.filter((c) => c !== 'closed')).toEqual([early]);
    expect(setTool).not.toHaveBeenCalled();
  } finally {
    setTool.mockRestore();
  }
});

it('reads a dialog the page adds by itself, without a search of the whole page', async () => {
  const { reopen } = await pageWithoutDialog();
  const session = follow([]);
  await settle();
  const search = vi.spyOn(document, 'querySelectorAll');
  try {
    reopen();
    expect(session.controller()).toBeNull();
    await Promise.resolve();
    // Read in the mutation's own microtask, from the added dialog.
    expect(session.controller()?.dialog.element.getAttribute('role')).toBe('dialog');
    // (happy-dom's own style look-ups query the document for style sheets: not a dialog search.)
    expect(search.mock.calls.filter(([selector]) => /dialog/.test(selector))).toEqual([]);
  } finally {
    search.mockRestore();
  }
});

it('maps a dialog opened before the early answer came from that answer when it comes, not from its own', async () => {
  const { reopen } = await pageWithoutDialog();
  const early = data(1, ['a', 'b']);
  let answerEarly: (tool: ToolData) => void = () => undefined;
  // The early answer is still on its way when the dialog opens; the open's own never comes.
  const session = follow([new Promise<ToolData>((r) => (answerEarly = r))]);
  await settle();
  reopen();
  await settle();
  const controller = session.controller();
  expect(controller?.tool).toBeNull();
  expect(session.toolData).toHaveBeenCalledTimes(2);
  answerEarly(early);
  await settle();
  expect(controller?.tool).toBe(early);
});

it("maps again from the open's own answer only when it differs from the early data", async () => {
  const { reopen } = await pageWithoutDialog();
  const early = data(1, ['a', 'b']);
  let answer: (tool: ToolData) => void = () => undefined;
  const session = follow([Promise.resolve(early), new Promise<ToolData>((r) => (answer = r))]);
  await settle();
  reopen();
  await settle();
  const controller = session.controller() as unknown as DialogController;
  const setTool = vi.spyOn(controller, 'setTool');
  await vi.waitFor(() => expect(session.toolData).toHaveBeenCalledTimes(2));
  answer(data(1, ['a', 'b']));
  await settle();
  expect(setTool).not.toHaveBeenCalled();
  expect(controller.tool).toBe(early);

  abort?.abort();
  const { reopen: reopenAgain } = await pageWithoutDialog();
  const changed = data(2, ['a']);
  const second = follow([Promise.resolve(early), Promise.resolve(changed)]);
  await settle();
  reopenAgain();
  await settle();
  await vi.waitFor(() => expect(second.controller()?.tool).toBe(changed));
});

it('does not read the dialog again while its reads are held (page mode drives it), and reads it once when released', async () => {
  const { reopen } = await pageWithoutDialog();
  const session = follow([Promise.resolve(data(1, []))]);
  reopen();
  await settle();
  const controller = session.controller() as unknown as DialogController;
  const rows = controller.rows.length;
  expect(rows).toBeGreaterThan(2);
  const read = vi.spyOn(controller, 'read');
  const release = controller.holdReads();
  controller.rows[0]?.element.remove();
  controller.rows[1]?.element.remove();
  await settle();
  expect(read).not.toHaveBeenCalled();
  expect(controller.rows.length).toBe(rows);
  release();
  release();
  await settle();
  expect(read).toHaveBeenCalledTimes(1);
  expect(controller.rows.length).toBe(rows - 2);
});

// The gear is clicked while the rest of the content script still loads (license-page.ts remembers
// that click): without it the dialog's scope is the whole tool, and a person who holds two of the
// tool's licenses cannot be mapped (their row would go through the page instead).
it("takes the gear clicked before it started listening as the dialog's opener", async () => {
  loadSavedDialogPage();
  const page = recogniseLicensePage(document);
  if (!page.ok) throw new Error(`the fixture's page is not recognised: ${page.reason}`);
  const row = page.value.tables.flatMap((t) => t.rows).find((r) => r.gear);
  if (!row?.gear) throw new Error('the fixture has no gear');
  const { session } = follow([], () => row.gear);
  expect(session.opener?.row.kindText).toBe(row.kindText);
  expect(follow([]).session.opener).toBeNull();
});

// A click on our own UI (the confirm button, say) opens nothing of the page's: it is not read for
// it (a read of the page walks every text node, a large dialog's rows too).
it('does not read the page for a click on our own UI, and takes no opener from it', () => {
  loadSavedDialogPage();
  const ours = document.createElement('licenskoll-root');
  const button = ours.appendChild(document.createElement('button'));
  document.body.append(ours);
  vi.mocked(recogniseLicensePage).mockClear();
  expect(follow([], () => button).session.opener).toBeNull();
  expect(recogniseLicensePage).not.toHaveBeenCalled();
  // A click on the page's own gear is still read and taken.
  const page = recogniseLicensePage(document);
  const gear = page.ok ? page.value.tables.flatMap((t) => t.rows).find((r) => r.gear)?.gear : null;
  if (!gear) throw new Error('the fixture has no gear');
  vi.mocked(recogniseLicensePage).mockClear();
  expect(follow([], () => gear).session.opener).not.toBeNull();
  expect(recogniseLicensePage).toHaveBeenCalled();
});

// The page was recognised before the UI's chunk loaded: the mode and the tool's data were asked for
// then (early-data.ts). The session starts from those answers instead of asking again, and takes
// the fresher data the early sync brings.
it('starts from the mode and data asked for when the page was recognised, and their fresher data', async () => {
  const { reopen } = await pageWithoutDialog();
  const cached = data(1, ['a', 'b']);
  const fresher = data(2, ['a']);
  let freshen: (tool: ToolData) => void = () => undefined;
  const earlyBg = {
    mode: vi.fn(async () => ({ mode: 'api' as const, reason: null })),
    toolData: vi.fn(async (_id: string, onFresh?: (fresh: ToolData) => void) => {
      freshen = (tool) => onFresh?.(tool);
      return cached;
    }),
  };
  const early = askEarly(earlyBg as unknown as Background, 't1');
  const session = follow([], undefined, early);
  await settle();
  // Nothing asked again of the session's own background before a dialog opens.
  expect(session.mode).not.toHaveBeenCalled();
  expect(session.toolData).not.toHaveBeenCalled();
  reopen();
  await settle();
  expect(session.controller()?.tool).toBe(cached);
  freshen(fresher);
  abort?.abort();
  // A dialog opened after the early sync's fresher data came maps from that.
  const { reopen: reopenAgain } = await pageWithoutDialog();
  const again = follow([], undefined, early);
  await settle();
  reopenAgain();
  await settle();
  expect(again.controller()?.tool).toBe(fresher);
});
