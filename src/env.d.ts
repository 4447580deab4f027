/** Set by vite.config.ts: which build this is ('production' reaches Skolon only). */
declare const __LICENSKOLL_FLAVOUR__: 'production' | 'sandbox';

/**
 * Set by scripts/build.ts for the popup's early script only: the popup module's path in the build
 * ('' in unit tests, vitest.config.ts).
 */
declare const __LICENSKOLL_POPUP_MODULE__: string;

/** A stylesheet as a string, minified by vite in a build (vite's `?inline`). */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
