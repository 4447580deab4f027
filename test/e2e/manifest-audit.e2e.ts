// The manifest audit, on the production builds the e2e setup has just made
// (dist/chrome-production and dist/firefox-production, exactly what the store zips hold): the
// exact permissions, host permissions, optional host permissions and content-script matches of
// each; no remote code (no http(s) script in any page, no import of a remote URL, no
// importScripts) and no eval or new Function in any built script; the browser's default CSP kept
// (no content_security_policy key at all); and `web-ext lint` on the Firefox build with 0 errors.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DIST, ROOT } from './harness/paths.ts';

const run = promisify(execFile);

interface BuiltManifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[]; css?: string[] }[];
  content_security_policy?: unknown;
  externally_connectable?: unknown;
  sandbox?: unknown;
  background?: { service_worker?: string; scripts?: string[] };
}

const BUILDS = [
  ['chrome', DIST.chromeProduction],
  ['firefox', DIST.firefoxProduction],
] as const;

const manifestOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BuiltManifest;

function filesUnder(dir: string, ends: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && ends.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Remote code and string evaluation, as they would appear in built (minified) output. */
const FORBIDDEN_JS: [string, RegExp][] = [
  ['eval(…)', /(^|[^.\w$])eval\s*\(/],
  ['new Function(…)', /new\s+Function\s*\(/],
  ['Function("…") called with a string', /(^|[^.\w$])Function\s*\(\s*[`'"]/],
  ['a static import of a remote URL', /\bfrom\s*[`'"](?:https?:)?\/\//],
  ['import() of a remote URL', /\bimport\s*\(\s*[`'"](?:https?:)?\/\//],
  ['importScripts', /\bimportScripts\s*\(/],
];

describe.each(BUILDS)('the %s production build', (browser, dir) => {
  const manifest = manifestOf(dir);

  it('asks for exactly these permissions and origins, and runs its content script on Skolon only', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'notifications', 'scripting']);
    expect(manifest.host_permissions).toEqual(['https://app.skolon.com/*']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.content_scripts?.map((script) => script.matches)).toEqual([['https://app.skolon.com/*']]);
    expect(manifest.externally_connectable).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toMatch(/localhost|127\.0\.0\.1|http:\/\//);
    if (browser === 'chrome') expect(manifest.background?.service_worker).toBeTruthy();
    else expect(manifest.background?.scripts?.length).toBeGreaterThan(0);
  });

  it('keeps the default CSP: no content_security_policy and no sandboxed pages', () => {
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.sandbox).toBeUndefined();
  });

  it('ships no remote code and no eval or new Function', () => {
    const scripts = filesUnder(dir, /\.m?js$/);
    expect(scripts.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      for (const [what, pattern] of FORBIDDEN_JS) {
        if (pattern.test(code)) found.push(`${relative(dir, file)}: ${what}`);
      }
    }
    const pages = filesUnder(dir, /\.html$/);
    expect(pages.length).toBeGreaterThan(0);
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      for (const match of html.matchAll(/<script\b[^>]*>/gi)) {
        const tag = match[0];
        const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
        if (src === undefined) found.push(`${relative(dir, file)}: an inline script`);
        else if (/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(src))
          found.push(`${relative(dir, file)}: remote ${src}`);
      }
      if (/<link\b[^>]*href\s*=\s*["']?(?:https?:)?\/\//i.test(html)) {
        found.push(`${relative(dir, file)}: a remote stylesheet or preload`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('web-ext lint', () => {
  it('finds 0 errors in the Firefox production build', async () => {
    // web-ext exits non-zero when it finds errors; the JSON report says what they were either way.
    const result = await run(
      'npx',
      [
        'web-ext',
        'lint',
        '--source-dir',
        DIST.firefoxProduction,
        '--self-hosted=false',
        '--output=json',
        '--no-config-discovery',
      ],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
      count: number;
      summary: { errors: number; warnings: number; notices: number };
      errors: { code: string; message: string; file?: string }[];
      warnings: { code: string; message: string; file?: string; line?: number; column?: number }[];
    };
    console.log(
      `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
    );
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // The only warnings left are preact's own support for `dangerouslySetInnerHTML` (its diff sets
    // `innerHTML = value.__html`), a prop no code of ours passes. Anything of ours is a warning too:
    // the popup's early script once imported a module by a name it read from the page at run time.
    const preactsInnerHtml = (w: { file?: string; line?: number; column?: number }) => {
      if (!w.file || w.line === undefined || w.column === undefined) return false;
      const line = readFileSync(join(DIST.firefoxProduction, w.file), 'utf8').split('\n')[w.line - 1] ?? '';
      return /\binnerHTML=\w+\.__html\b/.test(line.slice(Math.max(0, w.column - 20), w.column + 40));
    };
    expect(
      report.warnings
        .filter((w) => !preactsInnerHtml(w))
        .map((w) => `${w.code} ${w.file ?? ''}: ${w.message}`),
    ).toEqual([]);
  });
});
