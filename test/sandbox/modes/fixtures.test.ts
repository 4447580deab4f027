// The big dialog of the default data (2000 students, seed 1): one license row's gear lists at
// least 1,000 holders, every member of a known class among them, through either API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentPage, ToolDetail } from '../../../src/shared/model.ts';
import type { PHolderPage, PProduct } from '../api/private-shapes.ts';
import { SandboxClient } from '../client.ts';
import * as F from '../data/fixtures.ts';
import { type Sandbox, startSandbox } from '../server.ts';

const D = F.DEMO_SCHOOL_ID;

describe('THOUSAND_HOLDERS_* (default data)', () => {
  const sandboxes: Sandbox[] = [];
  let contract: Sandbox;
  let priv: Sandbox;
  beforeAll(async () => {
    contract = await startSandbox({ port: 0 });
    priv = await startSandbox({ port: 0, api: 'private' });
    sandboxes.push(contract, priv);
  });
  afterAll(async () => {
    for (const s of sandboxes) await s.close();
  });

  it('names the big tool, its license and class 9B', () => {
    expect(F.BIG_TOOL_ID).toBe(F.BIG_TOOL_ID);
    expect(F.BIG_LICENSE_ID).toBe(F.BIG_LICENSE_ID);
    expect(F.CLASS_9B_NAME).toBe('9B');
  });

  it('has a license row with ≥ 1,000 holders, all of the class among them (contract)', async () => {
    const control = new SandboxClient(contract.url);
    const { cookie } = await control.login();
    const api = `${contract.url}/api/admin/v1/schools/${D}/tools/${F.BIG_TOOL_ID}`;
    const detail = (await (await fetch(api, { headers: { cookie } })).json()) as ToolDetail;
    const license = detail.licenses.find((l) => l.id === F.BIG_LICENSE_ID);
    expect(license?.kind).toBe('SINGLE');
    expect(license?.poolId ?? null).toBeNull();
    expect(license?.assigned).toBeGreaterThanOrEqual(1000);

    const holders: AssignmentPage['assignments'] = [];
    let cursor: string | null = null;
    do {
      const q = `licenseId=${F.BIG_LICENSE_ID}&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (
        await fetch(`${api}/assignments?${q}`, { headers: { cookie } })
      ).json()) as AssignmentPage;
      holders.push(...page.assignments);
      cursor = page.nextCursor;
    } while (cursor);
    expect(holders.length).toBe(license?.assigned);
    expect(holders.length).toBeGreaterThanOrEqual(1000);

    const inClass = holders.filter((a) => a.assignee.groups?.some((g) => g.name === F.CLASS_9B_NAME));
    const search = (await (
      await fetch(`${contract.url}/api/admin/v1/schools/${D}/people?q=${F.CLASS_9B_NAME}&limit=50`, {
        headers: { cookie },
      })
    ).json()) as { people: { type: string; id: string; groups?: { name: string }[] }[] };
    const members = search.people.filter(
      (p) => p.type === 'USER' && p.groups?.some((g) => g.name === F.CLASS_9B_NAME),
    );
    expect(members.length).toBeGreaterThan(10);
    const holderIds = new Set(holders.map((a) => a.assignee.id));
    for (const m of members) expect(holderIds.has(m.id)).toBe(true);
    expect(inClass.length).toBeGreaterThanOrEqual(members.length);
    expect(holderIds.has(F.INACTIVE_HOLDER_ID)).toBe(true);
  });

  it('shows the same count through the private API', async () => {
    const control = new SandboxClient(priv.url);
    const { cookie } = await control.login();
    const base = `${priv.url}/internal/app/units/${D}/catalog/${F.BIG_TOOL_ID}`;
    const product = (await (await fetch(base, { headers: { cookie } })).json()) as PProduct;
    const e = product.entitlements.find((x) => x.ref === F.BIG_LICENSE_ID);
    expect(e?.taken).toBeGreaterThanOrEqual(1000);
    const page = (await (
      await fetch(`${base}/holders?entitlements=${F.BIG_LICENSE_ID}&take=50`, {
        headers: { cookie },
      })
    ).json()) as PHolderPage;
    expect(page.count).toBe(e?.taken);
    expect(page.holders).toHaveLength(50);
  });
});
