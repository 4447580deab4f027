// Withdrawal throughput against the sandbox's rate limit: the job runner, the real adapter and the
// real sandbox in one Node process (fake-indexeddb). A well-paced client gets close to the limit
// without wasting calls on 429s: the ratio limit ÷ throughput must stay within 1.2 (recorded as
// jobs_node_ratio_to_limit; the browser figure is bench/bulk.ts).
import 'fake-indexeddb/auto';
import { recordBench } from './results.ts';

const RATE = 5;
const ITEMS = 600;
const BATCH = 10;

// The background modules import webextension-polyfill, which returns a plain `browser` object as-is.
const quiet = async () => undefined;
Object.assign(globalThis, {
  __LICENSKOLL_FLAVOUR__: 'sandbox',
  chrome: { runtime: { id: 'bench' } },
  browser: {
    runtime: { id: 'bench', sendMessage: quiet },
    tabs: { query: async () => [], sendMessage: quiet },
    alarms: { get: quiet, create: () => undefined, clear: async () => true },
  },
});

const { SandboxClient } = await import('../test/sandbox/client.ts');
const { BIG_TOOL_ID } = await import('../test/sandbox/data/fixtures.ts');
const { startSandbox } = await import('../test/sandbox/server.ts');
const { openStore } = await import('../src/shared/store.ts');
const { DEFAULT_SETTINGS } = await import('../src/shared/settings.ts');
const { saveSettings } = await import('../src/background/platform/settings-store.ts');
const { useFetch } = await import('../src/background/platform/session.ts');
const { runJob } = await import('../src/background/jobs/runner.ts');
const { startWithdrawal } = await import('../src/background/jobs/withdraw.ts');

const sandbox = await startSandbox({ port: 0, students: 2000 });
const client = new SandboxClient(sandbox.url);
const { cookie } = await client.login();
useFetch((input, init) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
);
const store = await openStore();
await saveSettings(store, {
  ...DEFAULT_SETTINGS,
  origins: [sandbox.url],
  batchSize: BATCH,
  concurrency: 2,
  requestsPerSecond: RATE,
});
const { assignments } = await client.state<{ assignments: { id: string }[] }>('assignments', {
  toolId: BIG_TOOL_ID,
});
const ids = assignments.slice(0, ITEMS).map((a) => a.id);
const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
await client.faults({ rateLimitPerSecond: RATE });
const since = Math.max(0, ...(await client.log()).map((c) => c.seq));

const started = performance.now();
await runJob(store, job.id);
const seconds = (performance.now() - started) / 1000;

const calls = await client.log({ operation: 'revoke', since });
const ok = calls.filter((c) => c.status === 200).length;
const limited = calls.filter((c) => c.status === 429).length;
const done = await store.get('jobs', job.id);
const throughput = ok / seconds;
const ratio = RATE / throughput;
console.log(
  `withdrawal: ${ITEMS} items in batches of ${BATCH} (${ok} revoke calls) in ${seconds.toFixed(2)} s`,
);
console.log(
  `throughput ${throughput.toFixed(2)} calls/s against a limit of ${RATE}/s → ratio ${ratio.toFixed(2)} (budget 1.2)`,
);
console.log(`429 answers: ${limited}; job ${done?.state}, revoked ${done?.counts.revoked}`);
recordBench({ jobs_node_ratio_to_limit: ratio, jobs_node_429: limited });
await sandbox.close();
// A figure over its target is reported, not a failure; a job that did not finish is.
process.exit(done?.state === 'done' ? 0 : 1);
