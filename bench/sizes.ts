// Bundle sizes of the built chrome-production extension, gzipped, by following its imports:
// - content_boot_gzip_kb: what every page of an allowed origin loads before anything is
//   recognised: the manifest's content-script loader, the entry chunk it imports, and that
//   chunk's static imports (transitively). Target ≤ 8.
// - content_all_gzip_kb: everything the content script can ever load: the boot plus every lazily
//   imported chunk (import()) and their static imports, transitively. Reported, no target: what
//   loads with the dialog open (content_gzip_kb, target ≤ 28) is measured in the browser by
//   bench/content-loaded.ts, since chunks that load on an action (a confirmation, a form) do not.
// - popup_gzip_kb: the popup's page (with the styles it inlines), its JS (its entry, modulepreloads
//   and every chunk they import, lazily too) and CSS files. Target ≤ 35.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { recordBench } from './results.ts';

const dist = join(process.env.LICENSKOLL_OUT ?? 'dist', 'chrome-production');
if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`build first: ${dist} is missing`);
const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
  content_scripts: { js: string[] }[];
};

const STATIC = /(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC = /import\(\s*(?:\/\*[^*]*\*\/\s*)?["'`]([^"'`]+\.js)["'`]\s*\)/g;
const ROOT_PATHS = /(?:getURL\(\s*|m\.f=\[|,)["'`](assets\/[^"'`]+\.js)["'`]/g;

function imports(file: string): { statics: string[]; lazies: string[] } {
  const code = readFileSync(join(dist, file), 'utf8');
  const rel = (spec: string) => (spec.startsWith('/') ? spec.slice(1) : normalize(join(dirname(file), spec)));
  const statics = [...code.matchAll(STATIC)].map((m) => rel(m[1] ?? ''));
  const lazies = [
    ...[...code.matchAll(DYNAMIC)].map((m) => rel(m[1] ?? '')),
    ...[...code.matchAll(ROOT_PATHS)].map((m) => m[1] ?? ''),
  ];
  return { statics, lazies: lazies.filter((f) => !statics.includes(f)) };
}

/** `entries` and everything they import statically; with `lazy`, dynamically too. */
function closure(entries: string[], lazy: boolean, seen = new Set<string>()): Set<string> {
  for (const entry of entries) {
    if (seen.has(entry) || !existsSync(join(dist, entry))) continue;
    seen.add(entry);
    const { statics, lazies } = imports(entry);
    closure(lazy ? [...statics, ...lazies] : statics, lazy, seen);
  }
  return seen;
}

const gzipKb = (files: Iterable<string>) => {
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  return total / 1024;
};

const loader = manifest.content_scripts[0]?.js[0] ?? '';
// The loader is a classic script: its one import is the entry chunk, through runtime.getURL.
const entry = imports(loader).lazies;
const boot = new Set([loader, ...closure(entry, false)]);
const all = new Set([loader, ...closure(entry, true)]);

const popupHtml = readFileSync(join(dist, 'src/popup/index.html'), 'utf8');
const popupJs = [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1] ?? '');
const popupCss = [...popupHtml.matchAll(/href="\/?([^"]+\.css)"/g)].map((m) => m[1] ?? '');
const popup = new Set(['src/popup/index.html', ...closure(popupJs, true), ...popupCss]);

const figures = {
  content_boot_gzip_kb: gzipKb(boot),
  content_all_gzip_kb: gzipKb(all),
  popup_gzip_kb: gzipKb(popup),
};
const targets: Partial<Record<keyof typeof figures, number>> = { content_boot_gzip_kb: 8, popup_gzip_kb: 35 };
const lists = { content_boot_gzip_kb: boot, content_all_gzip_kb: all, popup_gzip_kb: popup };
for (const [key, kb] of Object.entries(figures) as [keyof typeof figures, number][]) {
  const target = targets[key];
  const verdict =
    target === undefined ? '(reported)' : `(target ≤ ${target}) ${kb <= target ? 'OK' : 'OVER'}`;
  console.log(`${key}: ${kb.toFixed(1)} KB in ${lists[key].size} files ${verdict}`);
  if (process.env.LICENSKOLL_BENCH_DETAIL)
    for (const f of lists[key])
      console.log(
        `    ${(gzipSync(readFileSync(join(dist, f)), { level: 9 }).length / 1024).toFixed(1)} ${f}`,
      );
}
recordBench(figures);
