// What appears only after an action (the confirmations, the result card, the keyboard help, the
// panel's forms) is a chunk of its own: the panel opens without it, and it loads the first time it
// is shown. `preload` starts that earlier, on pointerdown or focus of the button that opens it, so
// the click finds it loaded; a key (Alt+S, ?, Shift+D) simply waits for it. Hand-written: preact
// has lazy() only through preact/compat.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';

export interface LazyPart<P> {
  (props: P): JSX.Element | null;
  /** Starts loading the chunk (once; again after a failure). */
  preload(): void;
}

/**
 * A component rendered once its chunk is loaded (nothing until then). A chunk that cannot load
 * (the extension was updated under the page) says so: inside the panel as an error line, or as a
 * card of its own for what shows over the page.
 */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  failure: 'inline' | 'card',
): LazyPart<P> {
  let component: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () => {
    loading ??= load().then(
      (loaded) => {
        component = loaded;
        return loaded;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };

  function Lazy(props: P) {
    const [, loaded] = useReducer((n: number, _: undefined) => n + 1, 0);
    const [failed, setFailed] = useState(false);
    const Loaded = component;
    useEffect(() => {
      // What the first render had: a chunk that arrived since (a preload) still needs a render.
      if (Loaded) return;
      let mounted = true;
      start().then(
        () => mounted && loaded(undefined),
        (error: unknown) => {
          console.warn('[Licenskoll] a panel part did not load', error);
          if (mounted) setFailed(true);
        },
      );
      return () => {
        mounted = false;
      };
    }, []);
    if (Loaded) return <Loaded {...props} />;
    if (!failed) return null;
    return (
      <p class={failure === 'card' ? 'card notice error' : 'error'} role="alert" data-lk="load-failed">
        {t('contentPartFailed')}
      </p>
    );
  }
  return Object.assign(Lazy, { preload: () => void start().catch(() => undefined) });
}
