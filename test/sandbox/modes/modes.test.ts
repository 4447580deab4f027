// The modes themselves and the routing they give the site: the hash shell at /app/, the login's
// `next` with a fragment, the landing per routing, and GET /__sandbox/state/info.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as F from '../data/fixtures.ts';
import { DEFAULT_MODES, landingPath, resolveModes, toolListPath, toolPagePath } from '../modes.ts';
import { pageScript } from '../page/serve.ts';
import { type Sandbox, startSandbox } from '../server.ts';

const get = (url: string) => fetch(url, { redirect: 'manual' });

describe('resolveModes', () => {
  it('fills in the defaults and refuses unknown values', () => {
    expect(resolveModes()).toEqual({ routing: 'history', api: 'contract', markup: 'table', dialog: 'full' });
    expect(resolveModes({ routing: 'hash', dialog: 'paged' })).toEqual({
      ...DEFAULT_MODES,
      routing: 'hash',
      dialog: 'paged',
    });
    expect(() => resolveModes({ routing: 'hashbang' })).toThrow(/--routing must be one of history, hash/);
    expect(() => resolveModes({ api: 'graphql' })).toThrow(/--api/);
    expect(() => resolveModes({ markup: 'list' })).toThrow(/--markup/);
    expect(() => resolveModes({ dialog: 'infinite' })).toThrow(/--dialog/);
  });

  it('gives the paths of each routing', () => {
    expect(toolListPath('history')).toBe('/skoladmin/verktyg');
    expect(toolPagePath('history', 't-x')).toBe('/skoladmin/verktyg/t-x');
    expect(toolListPath('hash')).toBe('/app/#/tools');
    expect(toolPagePath('hash', 't x')).toBe('/app/#/tools/t%20x');
    expect(landingPath('hash')).toBe('/app/#/tools');
  });

  it('is refused by startSandbox when unknown', async () => {
    await expect(startSandbox({ port: 0, students: 50, markup: 'list' as never })).rejects.toThrow(
      /--markup/,
    );
  });

  it('bakes the modes into the page bundle, one bundle per combination', async () => {
    const plain = await pageScript(DEFAULT_MODES);
    const hash = await pageScript({ ...DEFAULT_MODES, routing: 'hash', api: 'private' });
    expect(plain).not.toBe(hash);
    expect(plain).toMatch(/routing:\s*"history"/);
    expect(hash).toMatch(/routing:\s*"hash"/);
    expect(hash).toMatch(/api:\s*"private"/);
    expect(await pageScript(DEFAULT_MODES)).toBe(plain);
  });
});

describe('--routing hash', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, students: 100, routing: 'hash' });
  });
  afterAll(() => sb.close());

  it('serves the page shell at /app/ and nothing at /skoladmin', async () => {
    const shell = await get(`${sb.url}/app/`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toContain('text/html');
    const text = await shell.text();
    expect(text).toContain('<script type="module" src="/__sandbox/page.js"></script>');
    expect(text).not.toMatch(/<script>|<style>/);
    const bare = await get(`${sb.url}/app`);
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/app/');
    expect((await get(`${sb.url}/skoladmin/verktyg`)).status).toBe(404);
    expect((await get(`${sb.url}/skoladmin/verktyg/${F.PSYKOLOGI_TOOL_ID}`)).status).toBe(404);
    const script = await get(`${sb.url}/__sandbox/page.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('hashchange');
  });

  it('lands on /app/#/tools from / and from a login without next', async () => {
    const root = await get(`${sb.url}/`);
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/#/tools');
    const login = await get(`${sb.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv`);
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/app/#/tools');
    expect(login.headers.get('set-cookie')).toMatch(/^sandbox_sid=/);
  });

  it("lets the login's next carry a fragment (%23) and refuses other sites", async () => {
    const next = encodeURIComponent(`/app/#/tools/${F.PSYKOLOGI_TOOL_ID}`);
    expect(next).toContain('%23');
    const login = await get(`${sb.url}/__sandbox/login?role=SCHOOL_ADMIN&next=${next}`);
    expect(login.headers.get('location')).toBe(`/app/#/tools/${F.PSYKOLOGI_TOOL_ID}`);
    for (const evil of ['//evil.example/%23/tools', 'https://evil.example/', '/\\evil']) {
      const r = await get(`${sb.url}/__sandbox/login?next=${encodeURIComponent(evil)}`);
      expect(r.headers.get('location')).toBe('/app/#/tools');
    }
  });

  it('reports the modes in /__sandbox/state/info', async () => {
    const info = (await (await fetch(`${sb.url}/__sandbox/state/info`)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      seed: 1,
      students: 100,
      modes: { routing: 'hash', api: 'contract', markup: 'table', dialog: 'full' },
      landing: '/app/#/tools',
    });
    expect(sb.modes.routing).toBe('hash');
  });
});

describe('--routing history (default)', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, students: 100 });
  });
  afterAll(() => sb.close());

  it('serves /skoladmin/*, not /app/, and lands on /skoladmin/verktyg', async () => {
    expect((await get(`${sb.url}/skoladmin/verktyg/${F.PSYKOLOGI_TOOL_ID}`)).status).toBe(200);
    expect((await get(`${sb.url}/app/`)).status).toBe(404);
    expect((await get(`${sb.url}/`)).headers.get('location')).toBe('/skoladmin/verktyg');
    expect((await get(`${sb.url}/__sandbox/login`)).headers.get('location')).toBe('/skoladmin/verktyg');
    const info = (await (await fetch(`${sb.url}/__sandbox/state/info`)).json()) as Record<string, unknown>;
    expect(info.modes).toEqual(DEFAULT_MODES);
    expect(info.landing).toBe('/skoladmin/verktyg');
  });
});
