// content_gzip_kb: what the content script actually loads on a license page with the withdraw
// dialog open, measured in Chromium with the chrome-sandbox build. A small sandbox (300 students),
// signed in, the big tool's page, its withdraw dialog opened, our panel ready
// (data-ready="true"), then a quiet second with nothing new parsed. Every script the browser
// parsed for the page (CDP Debugger.scriptParsed on the page's session: it reports the content
// script's isolated world too, and, when Debugger.enable comes late, replays what was parsed
// before) that is one of our files counts; the figure is their gzipped sum, read from the same
// build directory. Chunks that only load after a later action (a confirmation, a form) do not
// count here; bench/sizes.ts reports everything the content script can ever load as
// content_all_gzip_kb. Target ≤ 28.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST } from '../test/e2e/harness/paths.ts';
import { startTestSandbox } from '../test/e2e/harness/sandbox.ts';
import { BIG_TOOL_ID } from '../test/sandbox/data/fixtures.ts';
import { launch } from './lib/browser.ts';
import { recordBench } from './results.ts';

/** No new script of ours for this long after the panel is ready: the page has settled. */
const QUIET_MS = 1_000;
const TARGET_KB = 28;

interface ScriptParsed {
  url: string;
  executionContextAuxData?: { type?: string; isDefault?: boolean };
}

const sandbox = await startTestSandbox({ students: 300 });
const browser = await launch();
try {
  const prefix = `chrome-extension://${browser.extensionId}/`;
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  // Attached before the first navigation, so nothing parsed early is missed (and Debugger.enable
  // would replay it anyway); the session follows the page across its navigations.
  const cdp = await browser.context.newCDPSession(page);
  const loaded = new Map<string, Set<string>>();
  let lastNew = Date.now();
  cdp.on('Debugger.scriptParsed', (event: ScriptParsed) => {
    if (!event.url.startsWith(prefix)) return;
    const file = event.url.slice(prefix.length).split(/[?#]/)[0] ?? '';
    const world =
      event.executionContextAuxData?.type ?? (event.executionContextAuxData?.isDefault ? 'page' : '?');
    if (!loaded.has(file)) lastNew = Date.now();
    loaded.set(file, (loaded.get(file) ?? new Set()).add(world));
  });
  await cdp.send('Debugger.enable');
  await page.goto(sandbox.loginUrl({ toolId: BIG_TOOL_ID }));
  await page
    .locator('licenskoll-root[data-page="license-page"]')
    .waitFor({ state: 'attached', timeout: 30_000 });
  await page.getByRole('tabpanel').locator('tbody tr button').first().click();
  await page
    .locator('licenskoll-root [data-lk="panel"][data-ready="true"]')
    .waitFor({ state: 'attached', timeout: 60_000 });
  const settled = Date.now() + 10_000;
  while (Date.now() - lastNew < QUIET_MS && Date.now() < settled)
    await new Promise((resolve) => setTimeout(resolve, 100));
  // What was parsed before the listener saw it (a replay on enable) is asked for once more.
  await cdp.send('Debugger.disable');
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.disable');
  await cdp.detach();

  const files = [...loaded.keys()].filter((f) => f.endsWith('.js')).sort();
  if (files.length === 0) throw new Error('no script of the extension was parsed: the measurement is broken');
  if (!files.some((f) => /license-ui/.test(f)))
    throw new Error(`the panel is ready but no license-ui chunk was parsed: ${files.join(', ')}`);
  const sizes = files.map((f) => ({
    file: f,
    kb: gzipSync(readFileSync(join(DIST.chromeSandbox, f)), { level: 9 }).length / 1024,
    worlds: [...(loaded.get(f) ?? [])].join('+'),
  }));
  const total = sizes.reduce((sum, s) => sum + s.kb, 0);
  console.log(
    `content_gzip_kb: ${total.toFixed(1)} KB in ${files.length} files parsed with the dialog open ` +
      `(target ≤ ${TARGET_KB}) ${total <= TARGET_KB ? 'OK' : 'OVER'}`,
  );
  for (const s of sizes) console.log(`    ${s.kb.toFixed(1)} ${s.file} (${s.worlds})`);
  recordBench({ content_gzip_kb: total });
} finally {
  await browser.close();
  await sandbox.close();
}
