// @vitest-environment happy-dom
// Dialogs that show part of their rows: how many are loaded of how many, and loading the rest
// through the page's own "Visa fler" before acting.
import { describe, expect, it } from 'vitest';
import { isComplete, readPaging } from './paging.ts';
import { loadAllRows } from './paging-load.ts';

/** A withdraw dialog with `total` holders, showing `step` more on each "Visa fler". */
function pagedDialog(total: number, step: number, label = 'Visa fler', status = true) {
  document.body.replaceChildren();
  const parsed = new DOMParser().parseFromString(
    `<div role="dialog"><button>Dra tillbaka</button><p class="status"></p>
    <table><thead><tr><th><input type="checkbox"></th><th>Namn</th><th>E-post</th></tr></thead><tbody></tbody></table></div>`,
    'text/html',
  );
  const dialog = document.adoptNode(parsed.querySelector('[role="dialog"]') as HTMLElement);
  const more = document.createElement('button');
  more.textContent = label;
  dialog.append(more);
  document.body.append(dialog);
  const tbody = dialog.querySelector('tbody') as HTMLElement;
  let shown = 0;
  const show = () => {
    const until = Math.min(total, shown + step);
    for (; shown < until; shown++) {
      const tr = document.createElement('tr');
      const box = document.createElement('input');
      box.type = 'checkbox';
      const cells = ['', `Person ${shown}`, `p${shown}@skola.se`].map((text) => {
        const td = document.createElement('td');
        td.textContent = text;
        return td;
      });
      cells[0]?.append(box);
      tr.append(...cells);
      tbody.append(tr);
    }
    if (status) (dialog.querySelector('.status') as HTMLElement).textContent = `Visar ${shown} av ${total}`;
    if (shown >= total) more.remove();
  };
  more.addEventListener('click', () => setTimeout(show, 5));
  show();
  return dialog;
}

describe('readPaging', () => {
  it('reads "Visar 50 av 1000" and the page\'s own "Visa fler"', () => {
    const dialog = pagedDialog(1000, 50);
    const paging = readPaging(dialog, 50);
    expect(paging).toMatchObject({ loaded: 50, total: 1000 });
    expect(paging.more?.textContent).toBe('Visa fler');
    expect(isComplete(paging)).toBe(false);
  });

  it('reads the status line after 2,000 rows, and never takes a row for it', () => {
    const dialog = pagedDialog(5000, 2000);
    const first = dialog.querySelector('tbody td:nth-child(2)') as HTMLElement;
    first.textContent = 'Visar 3 av 4';
    // The status line after the rows, as many dialogs have it in their footer.
    dialog.append(dialog.querySelector('.status') as HTMLElement);
    expect(readPaging(dialog, 2000)).toMatchObject({ loaded: 2000, total: 5000 });
  });

  it("reads a status line in the table's footer", () => {
    const dialog = pagedDialog(1000, 50, 'Visa fler', false);
    const foot = document.createElement('tfoot');
    const cell = foot.insertRow().insertCell();
    cell.colSpan = 3;
    cell.textContent = 'Visar 50 av 1000';
    dialog.querySelector('table')?.append(foot);
    expect(readPaging(dialog, 50)).toMatchObject({ loaded: 50, total: 1000 });
  });

  it('knows a full dialog is complete', () => {
    const dialog = pagedDialog(20, 50);
    expect(isComplete(readPaging(dialog, 20))).toBe(true);
  });

  it('without a status text, a "Show more" still means the total is unknown', () => {
    const dialog = pagedDialog(120, 50, 'Show more', false);
    const paging = readPaging(dialog, 50);
    expect(paging.total).toBeNull();
    expect(isComplete(paging)).toBe(false);
  });
});

describe('loadAllRows', () => {
  it('presses "Visa fler" until every row is there', async () => {
    const dialog = pagedDialog(230, 50);
    const steps: number[] = [];
    const end = await loadAllRows(dialog, new AbortController().signal, (p) => steps.push(p.loaded));
    expect(end).toMatchObject({ loaded: 230, total: 230, more: null });
    expect(steps).toEqual([100, 150, 200, 230]);
    expect(dialog.querySelectorAll('tbody tr')).toHaveLength(230);
  });

  it('"Vis flere" (nb) works the same way', async () => {
    const dialog = pagedDialog(70, 50, 'Vis flere');
    expect((await loadAllRows(dialog, new AbortController().signal)).loaded).toBe(70);
  });
});

describe('a page that disables its button while it loads', () => {
  it('waits for the rows, not for the button to come back', async () => {
    const dialog = pagedDialog(160, 50);
    const more = Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent === 'Visa fler');
    // Disabled at once on click, enabled again when the rows are in (as the sandbox's page does).
    more?.addEventListener('click', () => {
      more.disabled = true;
      setTimeout(() => {
        more.disabled = false;
      }, 6);
    });
    const end = await loadAllRows(dialog, new AbortController().signal);
    expect(end.loaded).toBe(160);
  });
});
