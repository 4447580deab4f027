// The settings record in IndexedDB: read with defaults, written whole.
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.ts';
import { RECORD_KEY, type Store } from '../../shared/store.ts';
import { summaryChanged } from '../cache/summary-changes.ts';

const KEY = RECORD_KEY.settings;

export async function loadSettings(store: Store): Promise<Settings> {
  const stored = await store.get('settings', KEY);
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function saveSettings(store: Store, settings: Settings): Promise<void> {
  await store.put('settings', settings, KEY);
  summaryChanged(); // the active origin, whose summary the popup shows
}
