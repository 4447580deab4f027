// npm run sandbox -- --port 4310 --seed 1 --students 2000 [--host 127.0.0.1]
//                    [--routing history|hash] [--api contract|private] [--markup table|grid] [--dialog full|paged]
//                    [--mutate <one of MUTATIONS in modes.ts>]
// Runs in the foreground; prints "listening on <url>" once ready; SIGINT/SIGTERM stop it.
import { parseArgs } from 'node:util';
import { landingPath, resolveModes, type SandboxModes } from './modes.ts';
import { startSandbox } from './server.ts';

function int(name: string, raw: string | undefined, def: number): number {
  if (raw === undefined) return def;
  if (!/^\d+$/.test(raw)) {
    console.error(`--${name} must be a non-negative integer, got ${raw}`);
    process.exit(2);
  }
  return Number(raw);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    students: { type: 'string' },
    routing: { type: 'string' },
    api: { type: 'string' },
    markup: { type: 'string' },
    dialog: { type: 'string' },
    mutate: { type: 'string' },
  },
  strict: true,
});

let modes: SandboxModes;
try {
  modes = resolveModes(values);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}

const sandbox = await startSandbox({
  port: int('port', values.port, 4310),
  host: values.host ?? '127.0.0.1',
  seed: int('seed', values.seed, 1),
  students: int('students', values.students, 2000),
  ...modes,
});
console.log(`listening on ${sandbox.url}`);
console.log(
  `modes: routing=${modes.routing} api=${modes.api} markup=${modes.markup} dialog=${modes.dialog}${modes.mutate ? ` mutate=${modes.mutate}` : ''}; ` +
    `sign in: ${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv (lands on ${landingPath(modes.routing)})`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sandbox.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
