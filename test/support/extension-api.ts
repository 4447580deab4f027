// The shared modules reach the browser through src/shared/extension-api.ts, not webextension-polyfill.
// A test that fakes the polyfill for its context (background, popup, options) gives them the same
// fake: vi.mock('…/shared/extension-api.ts', () => sameFakeAsPolyfill()).
import type { ExtensionApi } from '../../src/shared/extension-api.ts';

export async function sameFakeAsPolyfill(): Promise<{ extensionApi: () => ExtensionApi }> {
  const { default: fake } = await import('webextension-polyfill');
  return { extensionApi: () => fake };
}
