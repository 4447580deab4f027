// Sandbox performance: start-up time at --students 20000 and the median time of a request for
// a 500-assignment page (over 50 requests). Prints figures; asserts nothing.
// Run: npx tsx bench/sandbox.ts [--students 20000] [--requests 50]
import { parseArgs } from 'node:util';
import { SandboxClient } from '../test/sandbox/client.ts';
import { BIG_TOOL_ID, DEMO_SCHOOL_ID } from '../test/sandbox/data/fixtures.ts';
import { startSandbox } from '../test/sandbox/server.ts';
import { recordBench } from './results.ts';

const { values } = parseArgs({
  options: { students: { type: 'string', default: '20000' }, requests: { type: 'string', default: '50' } },
});
const students = Number(values.students);
const requests = Number(values.requests);

const t0 = performance.now();
const sandbox = await startSandbox({ port: 0, students });
const startupMs = performance.now() - t0;

try {
  const login = await new SandboxClient(sandbox.url).login();
  const base = `${sandbox.url}/api/admin/v1/schools/${DEMO_SCHOOL_ID}/tools/${BIG_TOOL_ID}/assignments?limit=500`;
  const first = (await (await fetch(base, { headers: { cookie: login.cookie } })).json()) as {
    nextCursor: string | null;
    total: number;
  };
  const urls = [base, `${base}&cursor=${first.nextCursor}`];
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < requests + 5; i++) {
    const t = performance.now();
    const res = await fetch(urls[i % urls.length] as string, { headers: { cookie: login.cookie } });
    const text = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    if (i >= 5) {
      times.push(ms); // the first 5 warm up
      bytes = text.length;
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const p95 = times[Math.floor(times.length * 0.95)] ?? Number.NaN;
  console.log(`students: ${students} (big tool: ${first.total} assignments)`);
  console.log(`startup: ${startupMs.toFixed(0)} ms (budget 5000 ms)`);
  console.log(
    `500-assignment page: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${times.length} requests, ${(bytes / 1024).toFixed(0)} KiB (budget 100 ms)`,
  );
  recordBench({ sandbox_startup_ms: startupMs, sandbox_page_500_ms: times });
} finally {
  await sandbox.close();
}
