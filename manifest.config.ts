// Derives each build's manifest from the one source of truth, manifest.json:
// the browser decides the background's shape, the flavour decides which origins we reach.
import baseManifest from './manifest.json' with { type: 'json' };

export type TargetBrowser = 'chrome' | 'firefox';
export type Flavour = 'production' | 'sandbox';

/** Origins the sandbox flavour adds; the production build must never contain them. */
export const SANDBOX_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*'];

type Manifest = Omit<typeof baseManifest, 'background'> & {
  background: { service_worker?: string; scripts?: string[]; type?: 'module' };
};

export function deriveManifest(browser: TargetBrowser, flavour: Flavour): Record<string, unknown> {
  const manifest = structuredClone(baseManifest) as Manifest;
  const extra = flavour === 'sandbox' ? SANDBOX_ORIGINS : [];
  manifest.host_permissions = [...manifest.host_permissions, ...extra];
  manifest.content_scripts = manifest.content_scripts.map((script) => ({
    ...script,
    matches: [...script.matches, ...extra],
  }));
  if (flavour === 'sandbox') manifest.name = '__MSG_extNameSandbox__';
  const worker = baseManifest.background.service_worker;
  if (browser === 'firefox') {
    manifest.background = { scripts: [worker], type: 'module' };
    return manifest;
  }
  const { browser_specific_settings: _firefoxOnly, ...chrome } = manifest;
  return chrome;
}
