// Content script entry: the feature manager and the features. Each feature declares where it runs
// and gets an AbortSignal per single-page navigation; nothing here may throw into the host page.
import { startFeatures } from './core/features.ts';
import { announce } from './features/announce.ts';
import { licensePage } from './features/license-page.ts';
import { toolList } from './features/tool-list.ts';

try {
  startFeatures([announce, licensePage, toolList]);
} catch (error) {
  console.debug('[Licenskoll] start failed', error);
}
