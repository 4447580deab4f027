// The README's "Map of the tree" matches the tree: every path it names exists, and every folder of
// src/ (down to a context's parts) is on the map.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const map = readme.split('## Map of the tree')[1]?.split('```')[1] ?? '';
const named = [...map.matchAll(/^(\S+)\s/gm)].map((m) => m[1] ?? '');

const folders = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => [`${dir}/${e.name}/`, ...folders(`${dir}/${e.name}`)]);

describe("the README's map of the tree", () => {
  it('names paths', () => {
    expect(named.length).toBeGreaterThan(10);
  });

  it('names only paths that exist', () => {
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it('shows every folder of src/', () => {
    expect(folders('src').filter((dir) => !named.includes(dir))).toEqual([]);
  });
});
