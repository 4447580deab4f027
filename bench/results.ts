// bench-results.json: every bench adds its figures here. A timing is given as its runs: the file
// holds the median under the key, and `<key>_min` / `<key>_max` beside it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { median } from './lib/stats.ts';

export const RESULTS_FILE = 'bench-results.json';

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Merges figures into bench-results.json: a number as it is, runs as median, min and max. */
export function recordBench(figures: Record<string, number | number[]>): void {
  const current: Record<string, number> = existsSync(RESULTS_FILE)
    ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, number>)
    : {};
  for (const [key, value] of Object.entries(figures)) {
    if (Array.isArray(value)) {
      current[key] = round(median(value));
      current[`${key}_min`] = round(Math.min(...value));
      current[`${key}_max`] = round(Math.max(...value));
    } else current[key] = round(value);
  }
  writeFileSync(RESULTS_FILE, `${JSON.stringify(current, null, 2)}\n`);
}
