// Derives each build's manifest from the one source of truth, manifest.json:
// the browser decides the background's shape, the flavour decides which origins we reach.
import baseManifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };
import { SANDBOX_LOCAL_PATTERNS } from './src/shared/origins.ts';

export type TargetBrowser = 'chrome' | 'firefox';
export type Flavour = 'production' | 'sandbox';

/** Origins the sandbox flavour adds; the production build must never contain them. */
export const SANDBOX_ORIGINS: string[] = [...SANDBOX_LOCAL_PATTERNS];

/** Optional host permissions the sandbox flavour adds: other loopback origins (127.0.0.2 …) over http. */
export const SANDBOX_OPTIONAL_ORIGINS = ['http://*/*'];

type WebAccessibleResource = { resources: string[]; matches: string[]; use_dynamic_url?: boolean };

type Manifest = Omit<typeof baseManifest, 'background'> & {
  /** Only in package.json: every build takes it from there. */
  version?: string;
  background: { service_worker?: string; scripts?: string[]; type?: 'module' };
  web_accessible_resources?: WebAccessibleResource[];
};

export function deriveManifest(browser: TargetBrowser, flavour: Flavour): Record<string, unknown> {
  const manifest = structuredClone(baseManifest) as Manifest;
  manifest.version = packageJson.version;
  const extra = flavour === 'sandbox' ? SANDBOX_ORIGINS : [];
  manifest.host_permissions = [...manifest.host_permissions, ...extra];
  if (flavour === 'sandbox')
    manifest.optional_host_permissions = [...manifest.optional_host_permissions, ...SANDBOX_OPTIONAL_ORIGINS];
  manifest.content_scripts = manifest.content_scripts.map((script) => ({
    ...script,
    matches: [...script.matches, ...extra],
  }));
  // Registered on added origins, crxjs's loader import()s chunks from assets/, so those origins need them too (use_dynamic_url breaks relative imports in Chromium).
  const chunks: WebAccessibleResource = {
    resources: ['assets/*'],
    matches: [...manifest.optional_host_permissions],
    ...(browser === 'chrome' ? { use_dynamic_url: false } : {}),
  };
  manifest.web_accessible_resources = [...(manifest.web_accessible_resources ?? []), chunks];
  if (flavour === 'sandbox') manifest.name = '__MSG_extNameSandbox__';
  const worker = baseManifest.background.service_worker;
  if (browser === 'firefox') {
    manifest.background = { scripts: [worker], type: 'module' };
    return manifest;
  }
  const { browser_specific_settings: _firefoxOnly, ...chrome } = manifest;
  return chrome;
}
