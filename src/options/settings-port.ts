// The options page's one door to the background's settings (the background owns and applies them).
import type { SavedView } from '../shared/plans.ts';
import { request } from '../shared/protocol/client.ts';
import type { Settings } from '../shared/settings.ts';
import type { PortableSettings } from '../shared/settings-io.ts';
import { mirrorThreshold } from '../shared/ui/threshold-mirror.ts';

export type { Settings };

/** What a settings file carries (the language is added by the page: it is a UI preference). */
export function portable(settings: Settings): Omit<PortableSettings, 'language'> {
  const { origins, confirmThreshold, batchSize, concurrency } = settings;
  return { origins, confirmThreshold, batchSize, concurrency };
}

/** The license page reads the threshold from storage.local: kept in step on every read and save. */
async function mirrored(settings: Settings): Promise<Settings> {
  await mirrorThreshold(settings.confirmThreshold);
  return settings;
}

export async function loadSettings(): Promise<Settings> {
  return mirrored((await request('getSettings', {})).settings);
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  return mirrored((await request('setSettings', { patch })).settings);
}

export async function clearCache(): Promise<void> {
  await request('clearCache', {});
}

/** The saved views, for the settings file (they travel with the settings). */
export async function listViews(): Promise<SavedView[]> {
  return (await request('listViews', {})).views;
}

/** A settings file's views replace the saved ones, all or nothing. */
export async function replaceViews(views: SavedView[]): Promise<void> {
  await request('replaceViews', { views });
}
