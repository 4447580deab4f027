// Reads the parts that the reliability suite wrote through recordFigures (test/reliability/
// figures.ts), prints one line per part, and (for `npm run test:reliability`) writes
// reliability-results.json with the machine the figures came from.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { PartFigures } from '../test/reliability/figures.ts';

export function readParts(dir: string): PartFigures[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as PartFigures);
}

/** "soak-chromium (full): items 5000 · exactlyOnce 5000 · …" */
export function partLine(p: PartFigures): string {
  const figures = Object.entries(p.figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ');
  return `${p.part} (${p.variant}): ${figures}`;
}

const version = (command: string, args: string[]): string => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')
      .at(-1)
      ?.trim() as string;
  } catch {
    return 'not found';
  }
};

export interface Machine {
  nproc: number;
  memGiB: number;
  node: string;
  chromium: string;
  firefox: string;
}

export function machine(): Machine {
  return {
    nproc: Number(version('nproc', [])) || cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: version(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']),
    firefox: version(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', ['--version']),
  };
}

export function writeResults(
  file: string,
  result: {
    variant: 'light' | 'full';
    seconds: number;
    passed: number;
    failed: number;
    parts: PartFigures[];
  },
): void {
  const body = {
    at: new Date().toISOString(),
    ...result,
    machine: machine(),
    parts: Object.fromEntries(result.parts.map((p) => [p.part, p])),
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
}
