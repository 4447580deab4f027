// The vendored contract must be the shared one whenever ../shared is beside the repo. Compared as
// parsed YAML: a formatter (biome formats YAML) may re-style the copy without changing its meaning.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTRACT_PATH } from './contract.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SHARED = join(REPO_ROOT, '..', 'shared', 'license-api.yaml');

describe('vendored license-api.yaml', () => {
  it.skipIf(!existsSync(SHARED))('is identical to ../shared/license-api.yaml', () => {
    expect(parse(readFileSync(CONTRACT_PATH, 'utf8'))).toEqual(parse(readFileSync(SHARED, 'utf8')));
  });

  it('exists and names every operation the sandbox implements', () => {
    const text = readFileSync(CONTRACT_PATH, 'utf8');
    for (const op of [
      'getSession',
      'listTools',
      'getTool',
      'listAssignments',
      'assign',
      'revoke',
      'searchPeople',
      'listAssignmentsOf',
    ]) {
      expect(text).toContain(`operationId: ${op}`);
    }
  });
});
