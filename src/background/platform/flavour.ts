// Which build this is: the sandbox build may also speak to a local sandbox on 127.0.0.1/localhost
// (src/shared/origins.ts SANDBOX_LOCAL_PATTERNS).
export const sandboxBuild = __LICENSKOLL_FLAVOUR__ === 'sandbox';
