// Cursor paging that a withdrawal cannot disturb (what --dialog paged relies on): after rows of
// a page already shown are withdrawn, and rows further on too, the next pages neither skip a
// row nor repeat one. For the contract's listAssignments and the private API's holders.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AssignmentPage } from '../../../src/shared/model.ts';
import type { PBootstrap, PHolderPage } from '../api/private-shapes.ts';
import { type Login, SandboxClient } from '../client.ts';
import * as F from '../data/fixtures.ts';
import { type Sandbox, startSandbox } from '../server.ts';

const D = F.DEMO_SCHOOL_ID;
const PAGE = 50;

interface Flavour {
  name: string;
  api: 'contract' | 'private';
  /** One page: ids in order, the next cursor, the total. */
  page(cursor: string | null): Promise<{ ids: string[]; next: string | null; total: number }>;
  raw(cursor: string): Promise<number>;
  revoke(ids: string[]): Promise<void>;
}

function flavour(api: 'contract' | 'private', sb: () => Sandbox, login: () => Login): Flavour {
  const headers = () => ({ cookie: login().cookie });
  const getJson = async <T>(path: string) => {
    const r = await fetch(`${sb().url}${path}`, { headers: headers() });
    expect(r.status, path).toBe(200);
    return (await r.json()) as T;
  };
  const post = async (path: string, header: Record<string, string>, body: unknown) => {
    const r = await fetch(`${sb().url}${path}`, {
      method: 'POST',
      headers: { ...headers(), ...header, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status, path).toBe(200);
  };
  if (api === 'contract') {
    const base = `/api/admin/v1/schools/${D}/tools/${F.BIG_TOOL_ID}/assignments`;
    const q = (cursor: string | null) =>
      `${base}?licenseId=${F.BIG_LICENSE_ID}&limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`;
    return {
      name: 'contract listAssignments',
      api,
      async page(cursor) {
        const body = await getJson<AssignmentPage>(q(cursor));
        return { ids: body.assignments.map((a) => a.id), next: body.nextCursor, total: body.total ?? -1 };
      },
      raw: async (cursor) =>
        (await fetch(`${sb().url}${q(null)}&cursor=${cursor}`, { headers: headers() })).status,
      revoke: (ids) => post(`${base}/revoke`, { 'x-csrf-token': login().csrfToken }, { assignmentIds: ids }),
    };
  }
  const base = `/internal/app/units/${D}/catalog/${F.BIG_TOOL_ID}/holders`;
  const q = (cursor: string | null) =>
    `${base}?entitlements=${F.BIG_LICENSE_ID}&take=${PAGE}${cursor ? `&from=${cursor}` : ''}`;
  return {
    name: 'private holders',
    api,
    async page(cursor) {
      const body = await getJson<PHolderPage>(q(cursor));
      return { ids: body.holders.map((h) => h.ref), next: body.more, total: body.count };
    },
    raw: async (cursor) =>
      (await fetch(`${sb().url}${q(null)}&from=${cursor}`, { headers: headers() })).status,
    async revoke(ids) {
      const boot = await getJson<PBootstrap>('/internal/app/bootstrap');
      await post(`${base}/release`, { 'x-app-xsrf': boot.xsrf }, { refs: ids });
    },
  };
}

for (const api of ['contract', 'private'] as const) {
  describe(`keyset paging (${api} API)`, () => {
    let sb: Sandbox;
    let control: SandboxClient;
    let login: Login;
    const f = flavour(
      api,
      () => sb,
      () => login,
    );

    beforeAll(async () => {
      sb = await startSandbox({ port: 0, students: 2000, api });
      control = new SandboxClient(sb.url);
    });
    afterAll(() => sb.close());
    beforeEach(async () => {
      await control.reset();
      login = await control.login();
    });

    async function truth(): Promise<string[]> {
      const { assignments } = await control.state<{ assignments: { id: string }[] }>('assignments', {
        toolId: F.BIG_TOOL_ID,
        licenseId: F.BIG_LICENSE_ID,
      });
      return assignments.map((a) => a.id);
    }

    it('pages through every holder once, in a stable order', async () => {
      const all = await truth();
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const p = await f.page(cursor);
        expect(p.total).toBe(all.length);
        seen.push(...p.ids);
        cursor = p.next;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(all.length / PAGE));
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...all].sort());
    });

    it('skips nothing and repeats nothing when shown rows (the last one too) and later rows are withdrawn', async () => {
      const first = await f.page(null);
      const second = await f.page(first.next);
      expect(first.ids).toHaveLength(PAGE);
      // The page withdraws rows it shows (among them the last, the cursor's own row) and one
      // row of the next page that someone else withdrew meanwhile.
      const shown = [first.ids[0], first.ids[7], first.ids[8], first.ids[PAGE - 1]] as string[];
      const later = second.ids[3] as string;
      await f.revoke(shown);
      await f.revoke([later]);

      const rest: string[] = [];
      let cursor = first.next;
      let total = -1;
      while (cursor) {
        const p = await f.page(cursor);
        if (total < 0) total = p.total;
        rest.push(...p.ids);
        cursor = p.next;
      }
      const now = await truth();
      expect(total).toBe(now.length);
      const kept = first.ids.filter((id) => !shown.includes(id));
      const shownOnce = [...kept, ...rest];
      expect(new Set(shownOnce).size).toBe(shownOnce.length);
      expect([...shownOnce].sort()).toEqual([...now].sort());
      expect(rest).not.toContain(later);
      // The second page now starts where it did, less the withdrawn row.
      expect(rest.slice(0, PAGE - 1)).toEqual(second.ids.filter((id) => id !== later));
    });

    it('refuses a cursor that is not its own', async () => {
      const first = await f.page(null);
      expect(first.next).toEqual(expect.any(String));
      const forged = Buffer.from(JSON.stringify({ k: 'a-000001', q: 'x' })).toString('base64url');
      expect(await f.raw(forged)).toBe(400);
      expect(await f.raw('AAAA')).toBe(400);
      expect(await f.raw(first.next as string)).toBe(200);
    });
  });
}
