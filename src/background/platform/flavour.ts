// Which build this is: the sandbox build may also speak to a local sandbox on 127.0.0.1/localhost.
export const sandboxBuild = __LICENSKOLL_FLAVOUR__ === 'sandbox';
export const SANDBOX_LOCAL_PATTERNS = ['http://127.0.0.1/*', 'http://localhost/*'];
