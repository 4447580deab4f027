// Export and import of the administrator's settings as a small JSON file. Import is all or nothing:
// a file that is not JSON, not ours, from a newer version or with any bad value changes nothing,
// and the reason is reported so the options page can say why. Version 2 carries the saved views
// (optional); a version 1 file still imports (its views: none, so the saved ones stay). A file
// whose views are wrong is refused whole, its settings included.
import * as v from 'valibot';
import { fold } from './fold.ts';
import { checkOrigin } from './origins.ts';
import type { SavedView } from './plans.ts';
import { savedViewsSchema } from './plans-schema.ts';

const SETTINGS_FILE_KIND = 'licenskoll-settings';
const SETTINGS_FILE_VERSION = 2;
const LANGUAGE_CHOICES = ['auto', 'sv', 'nb', 'en'] as const;
type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** The bounds the options page enforces too (batch size is the contract's limit of 100). */
export const LIMITS = {
  confirmThreshold: { min: 1, max: 10_000 },
  batchSize: { min: 1, max: 100 },
  concurrency: { min: 1, max: 8 },
} as const;

export interface PortableSettings {
  origins: string[];
  confirmThreshold: number;
  batchSize: number;
  concurrency: number;
  language: LanguageChoice;
}

const bounded = (k: keyof typeof LIMITS) =>
  v.pipe(v.number(), v.integer(), v.minValue(LIMITS[k].min), v.maxValue(LIMITS[k].max));

function settingsSchema(allowLocal: boolean) {
  const origin = v.pipe(
    v.string(),
    v.check((s) => {
      const c = checkOrigin(s, allowLocal);
      return c.ok && c.origin === s;
    }, 'not an allowed origin'),
  );
  return v.strictObject({
    origins: v.pipe(v.array(origin), v.minLength(1), v.maxLength(20)),
    confirmThreshold: bounded('confirmThreshold'),
    batchSize: bounded('batchSize'),
    concurrency: bounded('concurrency'),
    language: v.picklist(LANGUAGE_CHOICES),
  });
}

const Envelope = v.looseObject({
  kind: v.string(),
  version: v.number(),
  settings: v.unknown(),
  views: v.optional(v.unknown()),
});

/** The views of a file: the stored views' checks, and no two of one scope with the same name. */
const fileViewsSchema = v.pipe(
  savedViewsSchema,
  v.check((views) => {
    const keys = views.map((view) => `${view.toolId ?? '*'}\u0000${fold(view.name)}`);
    return new Set(keys).size === keys.length;
  }, 'two views of one scope share a name'),
);

export type ImportProblem = 'notJson' | 'foreign' | 'newerVersion' | 'invalid' | 'tooLarge';
export type ImportResult =
  | {
      ok: true;
      settings: PortableSettings /** null: the file has none (version 1) */;
      views: SavedView[] | null;
    }
  | { ok: false; problem: ImportProblem; detail?: string };

/** 4 MB is far more than any settings file with its 200 views; bigger is someone else's file. */
const MAX_SETTINGS_FILE_BYTES = 4 * 1024 * 1024;

export function exportSettings(
  settings: PortableSettings,
  views: readonly SavedView[],
  now = new Date(),
): string {
  return `${JSON.stringify(
    {
      kind: SETTINGS_FILE_KIND,
      version: SETTINGS_FILE_VERSION,
      exportedAt: now.toISOString(),
      settings,
      views,
    },
    null,
    2,
  )}\n`;
}

function invalid(issues: readonly v.BaseIssue<unknown>[], prefix: string): ImportResult {
  const issue = issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  return {
    ok: false,
    problem: 'invalid',
    detail: path ? `${prefix}${path}` : prefix ? prefix.slice(0, -1) : (issue?.message ?? ''),
  };
}

export function importSettings(text: string, allowLocal: boolean): ImportResult {
  if (text.length > MAX_SETTINGS_FILE_BYTES) return { ok: false, problem: 'tooLarge' };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problem: 'notJson' };
  }
  const envelope = v.safeParse(Envelope, json);
  if (!envelope.success || envelope.output.kind !== SETTINGS_FILE_KIND)
    return { ok: false, problem: 'foreign' };
  if (envelope.output.version > SETTINGS_FILE_VERSION) return { ok: false, problem: 'newerVersion' };
  const parsed = v.safeParse(settingsSchema(allowLocal), envelope.output.settings);
  if (!parsed.success) return invalid(parsed.issues, '');
  // Version 1 had no views: whatever such a file holds besides its settings is not ours to read.
  const rawViews = envelope.output.version >= 2 ? envelope.output.views : undefined;
  if (rawViews === undefined) return { ok: true, settings: parsed.output, views: null };
  const views = v.safeParse(fileViewsSchema, rawViews);
  if (!views.success) return invalid(views.issues, 'views.');
  return { ok: true, settings: parsed.output, views: views.output };
}
