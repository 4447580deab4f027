/** Set by vite.config.ts: which build this is ('production' reaches Skolon only). */
declare const __LICENSKOLL_FLAVOUR__: 'production' | 'sandbox';
