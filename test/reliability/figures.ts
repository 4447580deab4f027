// Where each part of the reliability suite (the README's Reliability section)
// reports its figures. Every part writes one JSON file into the parts folder; `npm run
// test:reliability` collects them, prints one line per part and writes reliability-results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The full suite (`npm run test:reliability`); otherwise the light variant that `npm test` runs. */
export const RELIABILITY_FULL = process.env.LICENSKOLL_RELIABILITY === 'full';

const PARTS_DIR = resolve(process.env.LICENSKOLL_RELIABILITY_DIR ?? 'reliability-parts');

export interface PartFigures {
  part: string;
  variant: 'light' | 'full';
  figures: Record<string, number>;
  at: string;
}

/** Records one part's figures (counts, not timings) for the summary. */
export function recordFigures(part: string, figures: Record<string, number>): PartFigures {
  const entry: PartFigures = {
    part,
    variant: RELIABILITY_FULL ? 'full' : 'light',
    figures,
    at: new Date().toISOString(),
  };
  mkdirSync(PARTS_DIR, { recursive: true });
  writeFileSync(
    join(PARTS_DIR, `${part.replace(/[^a-z0-9-]+/gi, '-')}.json`),
    `${JSON.stringify(entry, null, 2)}\n`,
  );
  return entry;
}
