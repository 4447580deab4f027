import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { DEFAULT_THRESHOLD } = await import('./threshold-mirror.ts');
const { DEFAULT_SETTINGS } = await import('../settings.ts');

describe('the mirrored confirmation threshold', () => {
  it('defaults to the settings’ default', () => {
    expect(DEFAULT_THRESHOLD).toBe(DEFAULT_SETTINGS.confirmThreshold);
  });
});
