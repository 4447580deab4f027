// The modes this page was built for: baked into the bundle by ../serve.ts (esbuild `define`), so
// nothing in the DOM or on window says which copy of the site this is. Defaults in unit tests.
import { DEFAULT_MODES, type SandboxModes } from '../../modes.ts';

declare const __SANDBOX_MODES__: SandboxModes | undefined;

export const MODES: SandboxModes =
  typeof __SANDBOX_MODES__ === 'undefined'
    ? { ...DEFAULT_MODES }
    : { ...DEFAULT_MODES, ...__SANDBOX_MODES__ };
