// Builds the extension for both browsers and both flavours into dist/<browser>-<flavour>.
// `npm run build -- --only chrome-sandbox` builds one (used by npm start and the tests).
// LICENSKOLL_OUT=dir builds into dir/ instead of dist/ (the e2e harness reads the same variable).
import { build } from 'vite';

const all = ['chrome-production', 'firefox-production', 'chrome-sandbox', 'firefox-sandbox'] as const;
const onlyIndex = process.argv.indexOf('--only');
const wanted = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? '').split(',') : [...all];

for (const target of wanted) {
  if (!all.includes(target as (typeof all)[number]))
    throw new Error(`unknown target ${target}; one of ${all.join(', ')}`);
  const [browser, flavour] = target.split('-') as [string, string];
  process.env.LICENSKOLL_BROWSER = browser;
  process.env.LICENSKOLL_FLAVOUR = flavour;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  console.log(`built ${process.env.LICENSKOLL_OUT ?? 'dist'}/${target}`);
}
