// Reading the journal (newest first) and exporting it.
import type { JournalEntry } from '../../shared/jobs-model.ts';
import { byWritten, journalKeys, type Store } from '../../shared/store.ts';
import { journalCsv } from './journal-csv.ts';

/** One job's journal entries, in the order written. */
export async function journalOf(store: Store, jobId: string): Promise<JournalEntry[]> {
  return (await store.getAllFromIndex('journal', 'byJobAssignment', journalKeys(jobId))).sort(byWritten);
}

export async function readJournal(store: Store, limit: number, jobId?: string): Promise<JournalEntry[]> {
  if (jobId) return (await journalOf(store, jobId)).slice(0, limit);
  const entries: JournalEntry[] = [];
  let cursor = await store.transaction('journal').store.index('byAt').openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}

export async function exportJournal(store: Store, jobId?: string, now = new Date()) {
  const entries = jobId ? await journalOf(store, jobId) : await store.getAllFromIndex('journal', 'byAt');
  const day = now.toISOString().slice(0, 10);
  return { csv: journalCsv(entries), fileName: `licenskoll-journal-${day}.csv` };
}
