// The derived manifests: each browser and flavour reaches exactly the origins it should, with its
// background shape and the version from package.json.
import { describe, expect, it } from 'vitest';
import { deriveManifest, SANDBOX_OPTIONAL_ORIGINS, SANDBOX_ORIGINS } from '../../manifest.config.ts';
import baseManifest from '../../manifest.json' with { type: 'json' };
import packageJson from '../../package.json' with { type: 'json' };
import { checkOrigin, coveredBy, permissionPattern } from '../../src/shared/origins.ts';

const LOCAL = /localhost|127\.0\.0\.1/;

type Derived = {
  permissions: string[];
  host_permissions: string[];
  optional_host_permissions: string[];
  content_scripts: { matches: string[]; js: string[]; run_at: string }[];
  web_accessible_resources: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
};
const derive = (browser: 'chrome' | 'firefox', flavour: 'production' | 'sandbox') =>
  deriveManifest(browser, flavour) as unknown as Derived;

describe('derived manifests', () => {
  it.each(['chrome', 'firefox'] as const)(
    'the %s manifests take their version from package.json only',
    (browser) => {
      expect(baseManifest).not.toHaveProperty('version');
      for (const flavour of ['production', 'sandbox'] as const)
        expect(deriveManifest(browser, flavour).version).toBe(packageJson.version);
    },
  );

  it.each(['chrome', 'firefox'] as const)('the %s production manifest reaches Skolon only', (browser) => {
    const manifest = derive(browser, 'production');
    expect(JSON.stringify(manifest)).not.toMatch(LOCAL);
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'notifications', 'scripting']);
    expect(manifest.host_permissions).toEqual(['https://app.skolon.com/*']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    expect(manifest.content_scripts).toEqual([
      { matches: ['https://app.skolon.com/*'], js: ['src/content/index.ts'], run_at: 'document_idle' },
    ]);
  });

  it.each(['chrome', 'firefox'] as const)('the %s sandbox manifest adds the local origins', (browser) => {
    const manifest = derive(browser, 'sandbox');
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(SANDBOX_ORIGINS));
    expect(manifest.content_scripts[0]?.matches).toEqual(expect.arrayContaining(SANDBOX_ORIGINS));
    expect(manifest.permissions).toContain('scripting');
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', ...SANDBOX_OPTIONAL_ORIGINS]);
  });

  it.each([
    ['chrome', 'production', { matches: ['https://*/*'], use_dynamic_url: false }],
    ['chrome', 'sandbox', { matches: ['https://*/*', 'http://*/*'], use_dynamic_url: false }],
    ['firefox', 'production', { matches: ['https://*/*'] }],
    ['firefox', 'sandbox', { matches: ['https://*/*', 'http://*/*'] }],
  ] as const)(
    'the %s %s manifest lets optional origins load the content script chunks',
    (browser, flavour, war) => {
      // crxjs adds the static origins' entry at build time; this one is ours, for registered scripts.
      expect(derive(browser, flavour).web_accessible_resources).toEqual([
        { resources: ['assets/*'], ...war },
      ]);
    },
  );

  it.each(['production', 'sandbox'] as const)(
    'every origin the %s options page accepts can be asked for, and loads the chunks',
    (flavour) => {
      const manifest = derive('chrome', flavour);
      const askable = [...manifest.host_permissions, ...manifest.optional_host_permissions];
      const chunks = manifest.web_accessible_resources.flatMap((r) => r.matches);
      const samples = [
        'https://app.skolon.com',
        'https://skolon.example.org:8443',
        'http://127.0.0.1:4310',
        'http://127.0.0.2:5555',
        'http://localhost:8080',
        'https://localhost:8443',
      ];
      for (const input of samples) {
        const checked = checkOrigin(input, flavour === 'sandbox');
        if (!checked.ok) continue;
        expect(coveredBy(askable, checked.origin), `${input} is askable`).toBe(true);
        expect(coveredBy(chunks, checked.origin), `${input} loads the chunks`).toBe(true);
        expect(permissionPattern(checked.origin)).toMatch(/^https?:\/\/[^/*:]+\/\*$/);
      }
      const accepted = samples.filter((s) => checkOrigin(s, flavour === 'sandbox').ok);
      expect(accepted.length).toBe(flavour === 'sandbox' ? samples.length : 2);
    },
  );

  it('gives Chrome a module service worker and Firefox background scripts with a gecko id', () => {
    expect(deriveManifest('chrome', 'production')).toMatchObject({
      background: { service_worker: expect.any(String), type: 'module' },
    });
    expect(deriveManifest('chrome', 'production')).not.toHaveProperty('browser_specific_settings');
    expect(deriveManifest('firefox', 'production')).toMatchObject({
      background: { scripts: [expect.any(String)] },
      browser_specific_settings: {
        gecko: {
          id: expect.any(String),
          // Firefox ESR 140, the ESR schools and Debian run; Android's data_collection_permissions need 142.
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    });
  });
});
