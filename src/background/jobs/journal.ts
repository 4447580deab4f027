// Reading the journal (newest first) and exporting it.
import type { JournalEntry } from '../../shared/jobs-model.ts';
import type { Store } from '../../shared/store.ts';
import { journalCsv } from './journal-csv.ts';

export async function readJournal(store: Store, limit: number, jobId?: string): Promise<JournalEntry[]> {
  if (jobId) return (await store.getAllFromIndex('journal', 'byJob', jobId)).slice(0, limit);
  const entries: JournalEntry[] = [];
  let cursor = await store.transaction('journal').store.index('byAt').openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}

export async function exportJournal(store: Store, jobId?: string, now = new Date()) {
  const entries = jobId
    ? await store.getAllFromIndex('journal', 'byJob', jobId)
    : await store.getAllFromIndex('journal', 'byAt');
  const day = now.toISOString().slice(0, 10);
  return { csv: journalCsv(entries), fileName: `licenskoll-journal-${day}.csv` };
}
