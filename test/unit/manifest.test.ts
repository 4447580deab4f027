import { describe, expect, it } from 'vitest';
import { deriveManifest, SANDBOX_ORIGINS } from '../../manifest.config.ts';

const LOCAL = /localhost|127\.0\.0\.1/;

describe('derived manifests', () => {
  it.each(['chrome', 'firefox'] as const)('the %s production manifest reaches Skolon only', (browser) => {
    const manifest = deriveManifest(browser, 'production');
    expect(JSON.stringify(manifest)).not.toMatch(LOCAL);
    expect(manifest.host_permissions).toEqual(['https://app.skolon.com/*']);
  });

  it.each(['chrome', 'firefox'] as const)('the %s sandbox manifest adds the local origins', (browser) => {
    const manifest = deriveManifest(browser, 'sandbox') as {
      host_permissions: string[];
      content_scripts: { matches: string[] }[];
    };
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(SANDBOX_ORIGINS));
    expect(manifest.content_scripts[0]?.matches).toEqual(expect.arrayContaining(SANDBOX_ORIGINS));
  });

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
          strict_min_version: '142.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    });
  });
});
