// `npm start`: build the sandbox flavour, run the sandbox with seeded data, sign in a demo
// administrator and open Chromium with Licenskoll loaded on the seed's license page.
// Without a display it prints the URL and how to load the build into your own browser.
// The sandbox's modes pass through: npm start -- --routing hash --api private --markup grid --dialog paged
// (the landing URL follows the routing). Ctrl-C stops everything it started.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { PSYKOLOGI_TOOL_ID } from '../test/sandbox/data/fixtures.ts';
import { resolveModes, type SandboxModes, toolPagePath } from '../test/sandbox/modes.ts';
import { startSandbox } from '../test/sandbox/server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const port = Number(arg('port', '4310'));
const students = Number(arg('students', '2000'));
const locale = arg('lang', 'sv');
let modes: SandboxModes;
try {
  modes = resolveModes({
    routing: arg('routing', 'history'),
    api: arg('api', 'contract'),
    markup: arg('markup', 'table'),
    dialog: arg('dialog', 'full'),
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}
const extensionDir = resolve('dist/chrome-sandbox');

execFileSync('npx', ['tsx', 'scripts/build.ts', '--only', 'chrome-sandbox,firefox-sandbox'], {
  stdio: 'inherit',
});
const sandbox = await startSandbox({ port, students, ...modes });
const licensePage = toolPagePath(modes.routing, PSYKOLOGI_TOOL_ID);
const loginUrl = `${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=${locale}&next=${encodeURIComponent(licensePage)}`;
console.log(
  `sandbox listening on ${sandbox.url} (${students} students; routing=${modes.routing} api=${modes.api} markup=${modes.markup} dialog=${modes.dialog})`,
);

let context: BrowserContext | undefined;
let profile: string | undefined;
const stop = async () => {
  await context?.close().catch(() => undefined);
  if (profile) await rm(profile, { recursive: true, force: true });
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  profile = await mkdtemp(join(tmpdir(), 'licenskoll-start-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    viewport: null,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(loginUrl);
  context.on('close', stop);
  console.log('Chromium is open with Licenskoll on the license page. Ctrl-C stops everything.');
} else {
  console.log(`
No display here, so no browser was opened. To try Licenskoll on the sandbox:
  1. Load the sandbox build into your browser:
     Chrome:  chrome://extensions → Developer mode → Load unpacked → ${extensionDir}
     Firefox: about:debugging → Load Temporary Add-on → ${resolve('dist/firefox-sandbox/manifest.json')}
  2. Open (this signs in a demo school administrator):
     ${loginUrl}
Ctrl-C stops the sandbox.`);
}
