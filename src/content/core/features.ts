// The feature manager, after refined-github: each feature declares where it runs and gets an
// AbortSignal that fires when the page navigates (single-page navigation included), so its
// listeners, observers and UI go with it. Features start side by side, never awaited one by one;
// one that throws is logged and disappears (its signal aborts), and the others keep working.
import { onNavigate } from './navigation.ts';

export interface Feature {
  id: string;
  /** Whether the feature belongs on this URL (checked on load and after every navigation). */
  runsOn(url: URL): boolean;
  init(signal: AbortSignal): void | Promise<void>;
}

export interface FeatureManager {
  /** Aborts every running feature and stops following navigation. */
  stop(): void;
}

function log(feature: Feature, error: unknown): void {
  console.warn(`[Licenskoll] ${feature.id} stopped:`, error);
}

function startOne(feature: Feature, navigation: AbortSignal): void {
  const own = new AbortController();
  navigation.addEventListener('abort', () => own.abort(), { once: true, signal: own.signal });
  const fail = (error: unknown) => {
    log(feature, error);
    own.abort();
  };
  try {
    const result = feature.init(own.signal);
    if (result instanceof Promise) result.catch(fail);
  } catch (error) {
    fail(error);
  }
}

export function startFeatures(features: readonly Feature[], win: Window = window): FeatureManager {
  const life = new AbortController();
  let navigation = new AbortController();
  const run = () => {
    navigation.abort();
    navigation = new AbortController();
    let url: URL;
    try {
      url = new URL(win.location.href);
    } catch {
      return;
    }
    for (const feature of features) {
      let wanted = false;
      try {
        wanted = feature.runsOn(url);
      } catch (error) {
        log(feature, error);
      }
      if (wanted) startOne(feature, navigation.signal);
    }
  };
  onNavigate(run, life.signal, win);
  run();
  return {
    stop() {
      life.abort();
      navigation.abort();
    },
  };
}
