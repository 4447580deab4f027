// How the sandbox may differ from today's Skolon, so that the extension is tried against an
// independently built copy of the site. Defaults reproduce the original sandbox exactly.
//   routing  history: /skoladmin/verktyg and /skoladmin/verktyg/{toolId} (history API)
//            hash:    /app/#/tools and /app/#/tools/{toolId} (hashchange)
//   api      contract: the page talks to /api/admin/v1 (license-api.yaml)
//            private:  the page talks to /internal/app/… (other names and shapes, its own CSRF
//                      header); every /api/admin/v1 path is a 404 HTML page
//   markup   table: <table> and <input type=checkbox>
//            grid:  ARIA grids of divs with role=checkbox, the dialog a portal at the end of <body>
//   dialog   full:  the withdraw dialog lists every holder at once
//            paged: 50 rows at a time, "Visa fler" loads 50 more (cursor paging)
//   mutate   (optional, none by default) one of MUTATIONS: the license page or its dialog built
//            differently from what Licenskoll was written against (test/reliability/markup.rel.ts)
// This module is shared by the server, the CLI, `npm start`, the e2e harness and the page's
// client bundle, so it imports nothing.

export type Routing = 'history' | 'hash';
export type ApiMode = 'contract' | 'private';
export type Markup = 'table' | 'grid';
type DialogMode = 'full' | 'paged';

/**
 * Ways the license page and its withdraw dialog may differ on a copy of Skolon nobody here has seen.
 * What Licenskoll should make of each is the markup suite's business (test/reliability/markup.rel.ts).
 */
export const MUTATIONS = {
  'renamed-columns':
    'the license table calls two columns by unknown names; the dialog renames name, class and role',
  'reordered-columns':
    'the license table columns in another order; the dialog puts the checkbox last and the name after the email',
  'dialog-no-header': 'the dialog has no header row (and so no select-all checkbox)',
  'page-no-header': 'the license table has no header row',
  'page-unknown-labels': 'every column of the license table has a label no vocabulary knows',
  wrappers: 'tables, cells and the dialog body inside extra wrapper elements; grid rows wrapped too',
  'removed-labels': 'no aria-label or title anywhere (gear, checkboxes, close, dialog, tab panels)',
  'duplicated-tables':
    'each license table twice (a hidden responsive copy first); the dialog header in a table of its own',
  'late-dialog': 'the dialog arrives 10.5 s after the gear is pressed',
  'stale-dialog':
    "a closed dialog is hidden with display:none, not removed, so an earlier license's dialog stays in the DOM",
  'rerender-keyed': 'the dialog re-renders every row as new elements each second and after each tick',
  'rerender-in-place':
    'the dialog re-renders its rows in place each second and after each tick, reusing row elements and checkboxes for other people (the order turned by seven rows)',
} as const;
export type Mutation = keyof typeof MUTATIONS;

export interface SandboxModes {
  routing: Routing;
  api: ApiMode;
  markup: Markup;
  dialog: DialogMode;
  /** Absent (the default): the page as everywhere else. */
  mutate?: Mutation;
}

export const DEFAULT_MODES: Readonly<SandboxModes> = Object.freeze({
  routing: 'history',
  api: 'contract',
  markup: 'table',
  dialog: 'full',
});

const MODE_CHOICES: { readonly [K in keyof SandboxModes]: readonly SandboxModes[K][] } = {
  routing: ['history', 'hash'],
  api: ['contract', 'private'],
  markup: ['table', 'grid'],
  dialog: ['full', 'paged'],
  mutate: Object.keys(MUTATIONS) as Mutation[],
};

/** Every mode filled in from `partial`; throws on an unknown value (a CLI typo must not pass silently). */
export function resolveModes(partial: Partial<Record<keyof SandboxModes, unknown>> = {}): SandboxModes {
  const out = { ...DEFAULT_MODES } as SandboxModes;
  for (const name of Object.keys(MODE_CHOICES) as (keyof SandboxModes)[]) {
    const value = partial[name];
    if (value === undefined || value === null) continue;
    const choices = MODE_CHOICES[name] as readonly unknown[];
    if (!choices.includes(value)) {
      throw new Error(`--${name} must be one of ${choices.join(', ')}; got ${String(value)}`);
    }
    (out as unknown as Record<string, unknown>)[name] = value;
  }
  return out;
}

/** The path of the tool list (Verktygshantering) under a routing. */
export function toolListPath(routing: Routing): string {
  return routing === 'hash' ? '/app/#/tools' : '/skoladmin/verktyg';
}

/** The path of a tool's license page under a routing. */
export function toolPagePath(routing: Routing, toolId: string): string {
  const id = encodeURIComponent(toolId);
  return routing === 'hash' ? `/app/#/tools/${id}` : `/skoladmin/verktyg/${id}`;
}

/** Where `/` and a login without `next` land. */
export function landingPath(routing: Routing): string {
  return toolListPath(routing);
}
