// The folder tree is the architecture: each context (background, content, popup, options) imports
// only itself and src/shared; only the background reaches the license API; and src/shared holds
// only what at least two contexts use (a module one context alone needs belongs in that context).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CONTEXTS = ['background', 'content', 'popup', 'options'] as const;
type Area = (typeof CONTEXTS)[number] | 'shared';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|css)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const SPEC =
  /(?:^|[\s;])(?:import|export)\b[^'";]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The repo-relative files a module imports by relative path (packages are not followed). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(SPEC)].map((m) => normalize(join(dirname(file), m[1] ?? m[2] ?? '')));
}

const areaOf = (file: string): Area | 'other' => {
  const [top, area] = file.split('/');
  if (top !== 'src') return 'other';
  return (CONTEXTS as readonly string[]).includes(area ?? '') || area === 'shared' ? (area as Area) : 'other';
};

const modules = sourceFiles('src').filter((f) => !isTest(f));
const graph = new Map(modules.map((f) => [f, importsOf(f)]));

describe('the boundaries between contexts', () => {
  it('finds the modules it checks (the scan itself works)', () => {
    expect(modules.length).toBeGreaterThan(100);
    expect(graph.get('src/popup/client.ts')).toContain('src/shared/protocol/client.ts');
  });

  it('lets each context import only itself and src/shared', () => {
    const crossings: string[] = [];
    for (const [file, targets] of graph) {
      const from = areaOf(file);
      for (const target of targets) {
        const to = areaOf(target);
        if (to === 'other') continue; // public/_locales, package files
        if (from === 'shared' ? to !== 'shared' : to !== from && to !== 'shared')
          crossings.push(`${file} → ${target}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('keeps the license API adapter and the schemas in the background', () => {
    const reach = [...graph].flatMap(([file, targets]) =>
      areaOf(file) === 'background'
        ? []
        : targets
            .filter((t) => t.startsWith('src/background/') || t === 'src/shared/protocol/schemas.ts')
            .map((t) => `${file} → ${t}`),
    );
    // Type-only imports of the schemas (protocol/types.ts infers payloads from them) carry no code.
    const typeOnly = (line: string) => line.startsWith('src/shared/protocol/types.ts');
    expect(reach.filter((line) => !typeOnly(line))).toEqual([]);
  });

  it('holds in src/shared only modules that two or more contexts use', () => {
    const users = (module: string, seen = new Set<string>()): Set<Area> => {
      const found = new Set<Area>();
      for (const [file, targets] of graph) {
        if (!targets.includes(module) || seen.has(file)) continue;
        const area = areaOf(file);
        if (area === 'shared') {
          seen.add(file);
          for (const a of users(file, seen)) found.add(a);
        } else if (area !== 'other') found.add(area);
      }
      return found;
    };
    const single = modules
      .filter((f) => areaOf(f) === 'shared')
      .map((f) => [f, [...users(f)]] as const)
      .filter(([, areas]) => areas.length < 2)
      .map(([f, areas]) => `${relative('src/shared', f)}: ${areas.join(', ') || 'nobody'}`);
    expect(single).toEqual([]);
  });
});
