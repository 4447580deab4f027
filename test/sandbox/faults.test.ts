import { describe, expect, it } from 'vitest';
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
});
