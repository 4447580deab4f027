import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { DEFAULT_THRESHOLD } from './threshold-mirror.ts';

describe('the mirrored confirmation threshold', () => {
  it('defaults to the settings’ default', () => {
    expect(DEFAULT_THRESHOLD).toBe(DEFAULT_SETTINGS.confirmThreshold);
  });
});
