// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../test/support/extension-api.ts';
import { useTestRoot } from './test-dom.ts';
import { fakeClient, i18nMock, snapshot } from './test-fakes.ts';

vi.mock('../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => i18nMock);
const { Popup } = await import('./Popup.tsx');
const { QuickWithdrawPanel } = await import('./QuickWithdrawPanel.tsx');
const { ConfirmWithdrawal } = await import('./ConfirmWithdrawal.tsx');

const { root, until, $, $$ } = useTestRoot();

const type = (el: HTMLElement | null, value: string) => {
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

/** A school with 70 tools, in the popup's snapshot and from its client. */
function seventyTools() {
  const tools = Array.from({ length: 70 }, (_, i) => ({
    id: `t${i}`,
    name: `Verktyg ${String(i).padStart(2, '0')}`,
    seats: 10,
    assigned: 1,
  }));
  const long = { ...snapshot, tools };
  return { long, client: fakeClient({ refresh: async () => long, cachedSummary: async () => long }) };
}

describe('the popup summary', () => {
  it('paints the cached counts at once, most urgent first, with totals and freshness', async () => {
    await act(() => render(<Popup client={fakeClient()} initial={snapshot} />, root()));
    expect($$('[data-tool-id]').map((li) => li.dataset.toolId)).toEqual(['spanska', 'historia', 'kemi']);
    expect($('[data-total="assigned"]')?.textContent).toBe('26');
    expect($('[data-total="seats"]')?.textContent).toBe('35');
    expect($('[data-total="available"]')?.textContent).toBe('9');
    expect($('[data-tool-id="historia"] [data-mark="expired"]')).not.toBeNull();
    // Its page never seen in this browser: the Skolon's start page, not a guessed route.
    expect($('[data-tool-id="kemi"] a')?.getAttribute('href')).toBe('https://app.skolon.com/');
    await until(() => ($('[data-fetched-at]')?.textContent ?? '').includes('minuter'));
  });

  it('filters tools by name, accent-insensitively', async () => {
    await act(() => render(<Popup client={fakeClient()} initial={snapshot} />, root()));
    await act(() => type($('#tool-filter'), 'SPÅN'));
    expect($$('[data-tool-id]').map((li) => li.dataset.toolId)).toEqual(['spanska']);
  });

  it('renders a long list 30 rows at a time: the end of the list shows the next ones', async () => {
    const { long, client } = seventyTools();
    await act(() => render(<Popup client={client} initial={long} />, root()));
    expect($$('[data-tool-id]')).toHaveLength(30);
    // The totals are every tool's, not the rows'.
    expect($('[data-total="assigned"]')?.textContent).toBe('70');
    expect($('[data-more-rows]')?.textContent).toBe('summaryMoreTools(40)');
    await act(() => $('[data-more-rows]')?.click());
    expect($$('[data-tool-id]')).toHaveLength(60);
    await act(() => $('[data-more-rows]')?.click());
    expect($$('[data-tool-id]')).toHaveLength(70);
    expect($('[data-more-rows]')).toBeNull();
    // The filter searches every tool, not only the rows shown.
    await act(() => type($('#tool-filter'), 'verktyg 69'));
    expect($$('[data-tool-id]').map((li) => li.dataset.toolId)).toEqual(['t69']);
  });

  it('paints the rows in view first and the rest of the first 30 right after that paint', async () => {
    const { long, client } = seventyTools();
    // render() alone: what the first paint shows, before any effect has run.
    render(<Popup client={client} initial={long} />, root());
    expect($$('[data-tool-id]')).toHaveLength(10);
    expect($('[data-total="assigned"]')?.textContent).toBe('70');
    await until(() => $$('[data-tool-id]').length === 30);
    expect($('[data-more-rows]')?.textContent).toBe('summaryMoreTools(40)');
  });

  it('asks for its figures as it opens (a recent sync may answer) and again, in full, at the refresh button', async () => {
    const asked: unknown[] = [];
    const client = fakeClient({
      refresh: async (opts) => {
        asked.push(opts ?? null);
        return snapshot;
      },
    });
    await act(() => render(<Popup client={client} initial={snapshot} />, root()));
    await until(() => asked.length === 1);
    expect(asked).toEqual([{ opening: true }]);
    const button = $$('button').find((b) => b.textContent === 'summaryRefresh') as HTMLButtonElement;
    await until(() => !button.disabled);
    await act(() => button.click());
    await until(() => asked.length === 2);
    expect(asked[1]).toBeNull();
  });

  it('says what to do when never synced or the session expired', async () => {
    const client = fakeClient({ refresh: async () => ({ ...snapshot, state: 'session-expired' }) });
    await act(() =>
      render(<Popup client={client} initial={{ ...snapshot, state: 'never-synced', tools: [] }} />, root()),
    );
    expect($('[data-notice="never-synced"]')?.textContent).toContain('stateOpenSkolon');
    await until(() => $('[data-notice="session-expired"]') !== null);
    expect($('[data-notice="session-expired"]')?.textContent).toContain('stateSignInAgain');
  });

  it('moves between tabs with the arrow keys', async () => {
    await act(() => render(<Popup client={fakeClient()} initial={snapshot} />, root()));
    const first = $('[data-tab="summary"]');
    await act(() => {
      first?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect($('[data-tab="quick"]')?.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe($('[data-tab="quick"]'));
    expect($('[data-panel="quick"]')).not.toBeNull();
  });
});

describe('quick withdrawal', () => {
  it('search → person → tick → preview → confirm → done → undo', async () => {
    const client = fakeClient();
    const undo = vi.spyOn(client, 'undoJob');
    const view = (jobs = client.jobsList) => (
      <QuickWithdrawPanel client={client} language="sv" threshold={20} jobs={[...jobs]} />
    );
    await act(() => render(view(), root()));
    await act(() => type($('#person-query'), 'Östen'));
    await until(() => $('[data-person-id="u-20"]') !== null);
    await act(() => $('[data-person-id="u-20"]')?.click());
    await until(() => $$('[data-assignment-id]').length === 3);
    for (const box of $$('[data-assignment-id]')) await act(() => box.click());
    await act(() => $('[data-withdraw-start]')?.click());
    await until(() => $('[data-confirm]') !== null);
    expect($('[data-confirm] h2')?.textContent).toBe('confirmHeading(3,\u2068Östen Quickström\u2069)');
    const yes = $$('[data-confirm] button').find((b) => b.textContent?.startsWith('confirmWithdraw'));
    await act(() => yes?.click());
    await act(() => render(view(), root()));
    await until(() => $('[data-withdraw-done]') !== null);
    const undoButton = $$('button').find((b) => b.textContent === 'jobUndo');
    await act(() => undoButton?.click());
    // Undo is confirmed first: what goes back, then a deliberate yes.
    expect(undo).not.toHaveBeenCalled();
    await act(() => $('[data-undo-yes]')?.click());
    expect(undo).toHaveBeenCalledWith('job-1');
  });

  it('asks for the count to be typed at the threshold', async () => {
    const onConfirm = vi.fn();
    const preview = {
      willRevoke: 25,
      alreadyGone: 1,
      problems: 0,
      byTool: [{ toolName: 'Kemi', count: 25 }],
    };
    await act(() =>
      render(
        <ConfirmWithdrawal
          whom="9B"
          preview={preview}
          threshold={20}
          language="sv"
          busy={false}
          onConfirm={onConfirm}
          onCancel={() => undefined}
        />,
        root(),
      ),
    );
    const yes = $$('button').find((b) => b.textContent?.startsWith('confirmWithdraw')) as HTMLButtonElement;
    expect(yes.disabled).toBe(true);
    await act(() => type($('#confirm-count'), '24'));
    expect(yes.disabled).toBe(true);
    await act(() => type($('#confirm-count'), '25'));
    expect(yes.disabled).toBe(false);
    await act(() => {
      yes.click();
    });
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});
