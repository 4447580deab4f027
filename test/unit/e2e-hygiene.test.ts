// Keeps the end-to-end tests and the reliability suite's browser tests honest: every expect.poll
// names its own timeout (vitest's 1 s default is too tight on a busy 2-core machine, and a hidden
// default is a flaky test), no such file waits on a fixed sleep, and every test file says at its
// head what it proves.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const E2E = join(ROOT, 'test', 'e2e');
/** The e2e files, and the reliability suite's (test/reliability/*.rel.ts), which drive browsers too. */
const e2eFiles = [
  ...readdirSync(E2E)
    .filter((f) => f.endsWith('.e2e.ts'))
    .map((f) => join('e2e', f)),
  ...readdirSync(join(ROOT, 'test', 'reliability'))
    .filter((f) => f.endsWith('.rel.ts') || f === 'soak.ts')
    .map((f) => join('reliability', f)),
];
const TEST = join(ROOT, 'test');

/** The text between the parentheses that open at `open` (balanced), or '' when unbalanced. */
function argsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return '';
}

describe('end-to-end test hygiene', () => {
  it.each(e2eFiles)('%s: every expect.poll has an explicit timeout', (file) => {
    const text = readFileSync(join(TEST, file), 'utf8');
    const missing: number[] = [];
    for (let at = text.indexOf('.poll('); at !== -1; at = text.indexOf('.poll(', at + 1)) {
      if (!/\btimeout\b/.test(argsAt(text, at + '.poll'.length)))
        missing.push(text.slice(0, at).split('\n').length);
    }
    expect(missing, `lines without a timeout: ${missing.join(', ')}`).toEqual([]);
  });

  it.each(e2eFiles)('%s: waits on conditions, never on fixed sleeps', (file) => {
    const text = readFileSync(join(TEST, file), 'utf8');
    expect(text).not.toMatch(/waitForTimeout\(/);
  });

  it.each(e2eFiles)('%s: says at its head what it proves', (file) => {
    const head = readFileSync(join(TEST, file), 'utf8').split('\n').slice(0, 3).join('\n');
    expect(head).toMatch(/^\/\/ \S/);
  });
});
