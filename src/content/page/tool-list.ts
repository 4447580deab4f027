// What the administrator's pages show of the counts, for the popup when the API is not there: a
// tool page's counter ("2/22 tilldelade") and, on a list of tools, each row's counter beside the
// tool's name. Reads only.

import { toolIdFromUrl } from './route.ts';
import { queryList, TABLE } from './selectors.ts';
import { readTable } from './table.ts';
import { COUNTER, SCHOOL_ADMIN_PREFIX } from './vocabulary.ts';

export interface ToolFigure {
  toolId: string | null;
  toolName: string;
  assigned: number;
  total: number;
}

const number = (text: string | undefined) => Number((text ?? '').replace(/\D/g, ''));

/** Rows of any table or grid that pair a tool's name (its link) with a counter. */
export function readToolList(doc: Document): ToolFigure[] {
  const figures: ToolFigure[] = [];
  for (const table of queryList<HTMLElement>(doc, TABLE)) {
    if (table.closest('licenskoll-root')) continue;
    for (const row of readTable(table).rows) {
      const counter = COUNTER.exec(row.textContent ?? '');
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
