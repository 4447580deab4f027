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
// This module is shared by the server, the CLI, `npm start`, the e2e harness and the page's
// client bundle, so it imports nothing.

export type Routing = 'history' | 'hash';
export type ApiMode = 'contract' | 'private';
export type Markup = 'table' | 'grid';
export type DialogMode = 'full' | 'paged';

export interface SandboxModes {
  routing: Routing;
  api: ApiMode;
  markup: Markup;
  dialog: DialogMode;
}

export const DEFAULT_MODES: Readonly<SandboxModes> = Object.freeze({
  routing: 'history',
  api: 'contract',
  markup: 'table',
  dialog: 'full',
});

export const MODE_CHOICES: { readonly [K in keyof SandboxModes]: readonly SandboxModes[K][] } = {
  routing: ['history', 'hash'],
  api: ['contract', 'private'],
  markup: ['table', 'grid'],
  dialog: ['full', 'paged'],
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
