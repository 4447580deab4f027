// The sandbox's injected faults: settings parsing, the seeded draws, and the faults that act after
// the effect (omitted outcomes, a dropped connection, a truncated body, an answer after the client's
// timeout), each applied once and visible in /__sandbox/log; plus the in-flight list and clientClosed.
import { describe, expect, it } from 'vitest';
import { API_TIMEOUT_MS, LicenseApi } from '../../src/background/api/license-api.ts';
import { Faults, NO_FAULTS, parseFaults } from './faults.ts';

describe('faults', () => {
  it('parses subsets, treating omitted fields as off', () => {
    expect(parseFaults({})).toEqual(NO_FAULTS);
    expect(parseFaults({ errorRate: 0.5 })).toEqual({ ...NO_FAULTS, errorRate: 0.5 });
    expect(parseFaults({ expireSessionAfterRequests: null })).toEqual(NO_FAULTS);
    expect(typeof parseFaults({ errorRate: 1.5 })).toBe('string');
    expect(typeof parseFaults([])).toBe('string');
  });

  it('rate-limits per session in one-second windows', () => {
    const f = new Faults(1);
    f.set({ ...NO_FAULTS, rateLimitPerSecond: 2 });
    expect([f.rateLimited('a', 1000), f.rateLimited('a', 1001), f.rateLimited('a', 1002)]).toEqual([
      false,
      false,
      true,
    ]);
    expect(f.rateLimited('b', 1003)).toBe(false);
    expect(f.rateLimited('a', 2000)).toBe(false);
  });

  it('counts down session expiry; 0 means now', () => {
    const f = new Faults(1);
    expect(f.set({ ...NO_FAULTS, expireSessionAfterRequests: 0 })).toBe(true);
    f.set({ ...NO_FAULTS, expireSessionAfterRequests: 1 });
    expect([f.tickExpiry(), f.tickExpiry(), f.tickExpiry()]).toEqual([false, true, false]);
  });

  it('draws errors from a seeded stream that varies across requests', () => {
    const draw = () => {
      const f = new Faults(7);
      f.set({ ...NO_FAULTS, errorRate: 0.5 });
      return Array.from({ length: 40 }, () => f.rollError());
    };
    const a = draw();
    expect(draw()).toEqual(a);
    expect(new Set(a)).toEqual(new Set([null, 'INTERNAL', 'UNAVAILABLE']));
  });

  it('parses the faults after the effect, spikes and bursts, within bounds', () => {
    const all = {
      truncateAfterCommitRate: 0.02,
      slowAfterCommitMs: API_TIMEOUT_MS + 5_000,
      latencySpikeRate: 0.1,
      latencySpikeMs: 2_000,
      rateLimitBurstRate: 0.01,
    };
    expect(parseFaults(all)).toEqual({ ...NO_FAULTS, ...all });
    expect(NO_FAULTS.latencySpikeMs).toBe(2_000);
    for (const bad of [
      { truncateAfterCommitRate: 1.1 },
      { slowAfterCommitMs: -1 },
      { slowAfterCommitMs: 600_001 },
      { latencySpikeRate: 'x' },
      { rateLimitBurstRate: -0.5 },
    ]) {
      expect(typeof parseFaults(bad), JSON.stringify(bad)).toBe('string');
    }
  });

  it('holds a seeded share of requests for a latency spike', () => {
    const f = new Faults(3);
    f.set({ ...NO_FAULTS, latencySpikeRate: 0.25, latencySpikeMs: 2_000 });
    const draws = Array.from({ length: 400 }, () => f.rollLatencySpike());
    expect(new Set(draws)).toEqual(new Set([0, 2_000]));
    const spikes = draws.filter((d) => d > 0).length;
    expect(spikes).toBeGreaterThan(60);
    expect(spikes).toBeLessThan(140);
    f.set({ ...NO_FAULTS });
    expect(f.rollLatencySpike()).toBe(0);
  });

  it('answers every request of a 429 burst, with Retry-After of its remaining 1–3 s', () => {
    const f = new Faults(5);
    f.set({ ...NO_FAULTS, rateLimitBurstRate: 1 });
    const start = 1_000_000;
    const first = f.rateLimitBurst(start);
    expect(first).not.toBeNull();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(3);
    // Inside the burst every request is refused, whatever the rate, with a shrinking Retry-After.
    f.settings = { ...f.settings, rateLimitBurstRate: 0 };
    expect(f.rateLimitBurst(start + 900)).toBeGreaterThanOrEqual(1);
    expect(f.rateLimitBurst(start + 3_001)).toBeNull();
    const g = new Faults(5);
    g.set({ ...NO_FAULTS, rateLimitBurstRate: 0.05 });
    let bursts = 0;
    for (let t = 0; t < 2_000; t++) {
      const retry = g.rateLimitBurst(t * 5_000);
      if (retry !== null) {
        bursts++;
        expect([1, 2, 3]).toContain(retry);
      }
    }
    expect(bursts).toBeGreaterThan(50);
    expect(bursts).toBeLessThan(150);
  });
});

describe('faults after the effect (revoke)', async () => {
  const { afterAll, beforeAll } = await import('vitest');
  const { startSandbox } = await import('./server.ts');
  const { SandboxClient, revokedCounts } = await import('./client.ts');
  const { BIG_TOOL_ID, DEMO_SCHOOL_ID } = await import('./data/fixtures.ts');
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let control: InstanceType<typeof SandboxClient>;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, students: 300 });
    control = new SandboxClient(sandbox.url);
  });
  afterAll(() => sandbox.close());

  let login: Awaited<ReturnType<InstanceType<typeof SandboxClient>['login']>>;
  const revoke = async (ids: string[], key: string) => {
    return fetch(
      `${sandbox.url}/api/admin/v1/schools/${DEMO_SCHOOL_ID}/tools/${BIG_TOOL_ID}/assignments/revoke`,
      {
        method: 'POST',
        headers: {
          cookie: login.cookie,
          'x-csrf-token': login.csrfToken,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({ assignmentIds: ids }),
      },
    );
  };
  const someIds = async (n: number) =>
    (
      await control.state<{ assignments: { id: string }[] }>('assignments', { toolId: BIG_TOOL_ID })
    ).assignments
      .slice(0, n)
      .map((a) => a.id);

  it('omitOutcomes leaves n outcomes out in all (after applying them), logs them, and replays the same answer', async () => {
    await control.reset();
    login = await control.login();
    const ids = await someIds(30);
    expect(parseFaults({ omitOutcomes: 1.5 })).toBeTypeOf('string');
    expect((await control.faults({ omitOutcomes: 3 })).omitOutcomes).toBe(3);
    const res = await revoke(ids.slice(0, 20), 'k-omit');
    const body = (await res.json()) as { results: { assignmentId: string }[] };
    expect(body.results).toHaveLength(17);
    const again = (await (await revoke(ids.slice(0, 20), 'k-omit')).json()) as typeof body;
    expect(again.results).toHaveLength(17);
    // The budget is spent: the next answer is whole.
    const next = (await (await revoke(ids.slice(20), 'k-next')).json()) as typeof body;
    expect(next.results).toHaveLength(10);
    const log = await control.log({ operation: 'revoke' });
    expect(log[0]).toMatchObject({ fault: 'omitOutcomes' });
    expect(log[0]?.omitted).toHaveLength(3);
    const answered = new Set(body.results.map((r) => r.assignmentId));
    expect(log[0]?.omitted?.every((id) => !answered.has(id))).toBe(true);
    const counts = revokedCounts(log);
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('dropAfterCommitRate applies the change, then closes the connection; the key replays the answer', async () => {
    await control.reset();
    login = await control.login();
    const ids = await someIds(5);
    await control.faults({ dropAfterCommitRate: 1 });
    await expect(revoke(ids, 'k-drop')).rejects.toThrow();
    const state = await control.state<{ assignments: { id: string }[] }>('assignments', {
      toolId: BIG_TOOL_ID,
    });
    expect(state.assignments.some((a) => ids.includes(a.id))).toBe(false);
    const replay = await revoke(ids, 'k-drop');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const log = await control.log({ operation: 'revoke' });
    expect(log[0]).toMatchObject({ fault: 'dropAfterCommit' });
    expect(log[0]?.outcomes).toHaveLength(5);
    expect(log[1]?.replayed).toBe(true);
    expect([...revokedCounts(log).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('truncateAfterCommitRate applies the change, then sends half a body and closes; the key replays', async () => {
    await control.reset();
    login = await control.login();
    const ids = await someIds(6);
    await control.faults({ truncateAfterCommitRate: 1 });
    const res = await revoke(ids, 'k-trunc');
    expect(res.status).toBe(200);
    const length = Number(res.headers.get('content-length'));
    // The body stops halfway: reading it fails (the connection closed before Content-Length).
    await expect(res.text()).rejects.toThrow();
    const state = await control.state<{ assignments: { id: string }[] }>('assignments', {
      toolId: BIG_TOOL_ID,
    });
    expect(state.assignments.some((a) => ids.includes(a.id))).toBe(false);
    const replay = await revoke(ids, 'k-trunc');
    const text = await replay.text();
    expect(Buffer.byteLength(text)).toBe(length);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((JSON.parse(text) as { results: unknown[] }).results).toHaveLength(6);
    const log = await control.log({ operation: 'revoke' });
    expect(log[0]).toMatchObject({ fault: 'truncateAfterCommit' });
    expect(log[0]?.outcomes).toHaveLength(6);
    expect(log[0]?.clientClosed).toBeUndefined();
    expect(log[1]?.replayed).toBe(true);
    expect([...revokedCounts(log).values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('slowAfterCommitMs applies the change at once and answers after the client gave up; the adapter resends under the key and gets the replay', async () => {
    await control.reset();
    login = await control.login();
    const ids = await someIds(4);
    // The adapter's real timeout is API_TIMEOUT_MS; here a short one stands for it, the fault above it.
    const timeoutMs = 300;
    await control.faults({ slowAfterCommitMs: timeoutMs * 3 });
    const api = new LicenseApi({
      origin: sandbox.url,
      concurrency: 1,
      requestsPerSecond: 50,
      timeoutMs,
      random: () => 0,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), cookie: login.cookie },
        }),
    });
    const answer = await api.revoke(DEMO_SCHOOL_ID, BIG_TOOL_ID, ids, { idempotencyKey: 'k-slow' });
    expect(answer.results.map((r) => r.outcome)).toEqual(['REVOKED', 'REVOKED', 'REVOKED', 'REVOKED']);
    await expect
      .poll(async () => (await control.log({ operation: 'revoke' })).length, { timeout: 5_000 })
      .toBe(2);
    const log = await control.log({ operation: 'revoke' });
    const slow = log.find((c) => c.fault === 'slowAfterCommit');
    expect(slow?.outcomes).toHaveLength(4);
    // The client hung up (its timeout) before the held answer went out.
    expect(slow?.clientClosed).toBe(true);
    expect(log.find((c) => c.replayed)?.idempotencyKey).toBe('k-slow');
    expect([...revokedCounts(log).values()]).toEqual([1, 1, 1, 1]);
  });

  it('lists requests in flight, and marks one the client hung up on (which still took effect)', async () => {
    await control.reset();
    login = await control.login();
    const ids = await someIds(3);
    await control.faults({ latencyMs: 400 });
    const abort = new AbortController();
    const call = fetch(
      `${sandbox.url}/api/admin/v1/schools/${DEMO_SCHOOL_ID}/tools/${BIG_TOOL_ID}/assignments/revoke`,
      {
        method: 'POST',
        signal: abort.signal,
        headers: {
          cookie: login.cookie,
          'x-csrf-token': login.csrfToken,
          'content-type': 'application/json',
          'idempotency-key': 'k-gone',
        },
        body: JSON.stringify({ assignmentIds: ids }),
      },
    ).catch((e: unknown) => e);
    await expect
      .poll(async () => (await control.inFlight()).map((c) => c.operation), { timeout: 5_000, interval: 20 })
      .toEqual(['revoke']);
    const stoppedAt = Date.now();
    abort.abort();
    await call;
    await expect
      .poll(async () => (await control.log({ operation: 'revoke' })).length, { timeout: 5_000 })
      .toBe(1);
    const [entry] = await control.log({ operation: 'revoke' });
    expect(entry).toMatchObject({ clientClosed: true, delayMs: 400, idempotencyKey: 'k-gone' });
    expect(Date.parse(entry?.at ?? '')).toBeLessThanOrEqual(stoppedAt);
    expect(Date.parse(entry?.closedAt ?? '')).toBeGreaterThanOrEqual(stoppedAt);
    expect(entry?.outcomes?.map((o) => o.outcome)).toEqual(['REVOKED', 'REVOKED', 'REVOKED']);
    expect(await control.inFlight()).toEqual([]);
  });
});
