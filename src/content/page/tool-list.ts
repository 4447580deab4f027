// What the administrator's pages show of the counts, for the popup when the API is not there: a
// tool page's counter ("2/22 tilldelade") and, on a list of tools, each row's counter beside the
// tool's name. Reads only.

import { toolIdFromUrl } from './route.ts';
import { queryList, TABLE } from './selectors.ts';
import { cellsOf, readTable } from './table.ts';
import { COUNTER, COUNTER_WORD, SCHOOL_ADMIN_PREFIX } from './vocabulary.ts';

export interface ToolFigure {
  toolId: string | null;
  toolName: string;
  assigned: number;
  total: number;
}

const number = (text: string | undefined) => Number((text ?? '').replace(/\D/g, ''));

/** How many text nodes of a table are looked at for a counter word before giving up on it. */
const EARLY_TEXT_NODES = 300;

function counterEarlyIn(table: HTMLElement): boolean {
  const walker = table.ownerDocument.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node && seen < EARLY_TEXT_NODES; node = walker.nextNode(), seen++) {
    if (COUNTER_WORD.test(node.textContent ?? '')) return true;
  }
  return false;
}

/** Rows of any table or grid that pair a tool's name (its link) with a counter. */
export function readToolList(doc: Document): ToolFigure[] {
  const figures: ToolFigure[] = [];
  for (const table of queryList<HTMLElement>(doc, TABLE)) {
    // The first rows decide: a tool list shows a counter on each, so a table without one early on
    // is never read row by row (and a large one is never read whole).
    if (table.closest('licenskoll-root') || !counterEarlyIn(table)) continue;
    for (const row of readTable(table).rows) {
      // Cell by cell: a row's text runs cells together ("Matematik 7–9" + "2/22" is "7–92/22").
      let counter: RegExpExecArray | null = null;
      for (const cell of cellsOf(row)) {
        const text = cell.textContent ?? '';
        counter = COUNTER_WORD.test(text) ? COUNTER.exec(text) : null;
        if (counter) break;
      }
      const link = row.querySelector<HTMLAnchorElement>('a[href]');
      if (!counter || !link) continue;
      const toolName = (link.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!toolName) continue;
      let toolId: string | null = null;
      try {
        toolId = toolIdFromUrl(new URL(link.href, doc.baseURI));
      } catch {
        toolId = null;
      }
      figures.push({ toolId, toolName, assigned: number(counter[1]), total: number(counter[2]) });
    }
  }
  return figures;
}

/** The school the page is about, from its header ("Skoladmin Demoskolan"); '' when it does not say. */
export function schoolNameOf(doc: Document): string {
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node && seen < 400; node = walker.nextNode(), seen++) {
    const match = SCHOOL_ADMIN_PREFIX.exec((node.textContent ?? '').trim());
    if (match?.[1] && !node.parentElement?.closest('licenskoll-root')) return match[1].trim().slice(0, 200);
  }
  return '';
}
