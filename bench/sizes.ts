// Bundle budgets: what the host page loads for the content script (≤ 30 KB gzipped) and what the
// popup loads (≤ 45 KB gzipped), measured on the built chrome-production extension by following
// the static imports from each entry.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = 'dist/chrome-production';
if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`build first: ${dist} is missing`);
const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
  content_scripts: { js: string[] }[];
};

/** The file and every module it imports statically or dynamically (content loader → chunk). */
function closure(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry) || !existsSync(join(dist, entry))) return seen;
  seen.add(entry);
  const code = readFileSync(join(dist, entry), 'utf8');
  for (const m of code.matchAll(/(from\s*|import\s*\(?\s*|getURL\(\s*)["'`]([^"'`]+\.js)["'`]/g)) {
    const spec = m[2] ?? '';
    // runtime.getURL paths are relative to the extension root; import specifiers to the file.
    const rootRelative = spec.startsWith('/') || (m[1] ?? '').startsWith('getURL');
    closure(rootRelative ? spec.replace(/^\//, '') : normalize(join(dirname(entry), spec)), seen);
  }
  return seen;
}

function gzipKb(files: Iterable<string>): number {
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(join(dist, f))).length;
  return total / 1024;
}

const contentEntry = manifest.content_scripts[0]?.js[0] ?? '';
const content = closure(contentEntry);
const popupHtml = readFileSync(join(dist, 'src/popup/index.html'), 'utf8');
const popupEntries = [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
const popup = new Set<string>();
for (const e of popupEntries) for (const f of e.endsWith('.css') ? [e] : closure(e)) popup.add(f);
// CSS imported by popup chunks.
for (const m of popupHtml.matchAll(/href="\/?([^"]+\.css)"/g)) popup.add(m[1] ?? '');

const report = (name: string, files: Set<string>, budget: number) => {
  const kb = gzipKb(files);
  console.log(
    `${name}: ${kb.toFixed(1)} KB gzipped in ${files.size} files (budget ${budget} KB) ${kb <= budget ? 'OK' : 'OVER'}`,
  );
  return kb <= budget;
};
const ok = [report('content script', content, 30), report('popup', popup, 45)].every(Boolean);
if (!ok) process.exitCode = 1;
