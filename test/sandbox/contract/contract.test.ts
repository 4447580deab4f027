// contractFetch itself: drift from the contract must fail, conforming answers must pass.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractDrift, contractFetch } from './contract.ts';

let server: ReturnType<typeof serve>;
let base = '';

beforeAll(async () => {
  const app = new Hono();
  app.get('/session-ok', (c) =>
    c.json({
      user: { id: 'u', name: 'n' },
      role: 'SCHOOL_ADMIN',
      schools: [],
      activeSchoolId: 's',
      csrfToken: 't',
      locale: 'sv',
      extra: 'unknown fields are allowed',
    }),
  );
  app.get('/session-bad-role', (c) =>
    c.json({
      user: { id: 'u', name: 'n' },
      role: 'ROOT',
      schools: [],
      activeSchoolId: 's',
      csrfToken: 't',
      locale: 'sv',
    }),
  );
  app.get('/tools-no-etag', (c) => c.json({ tools: [], nextCursor: null }));
  app.get('/tools-negative', (c) => {
    c.header('etag', '"1"');
    return c.json({
      tools: [{ id: 't', name: 'x', toolType: 'FREE', seats: -1, assigned: 0 }],
      nextCursor: null,
    });
  });
  app.get('/error-bad-code', (c) => c.json({ error: { code: 'TEAPOT', message: 'x' } }, 418));
  app.get('/429-no-retry', (c) => c.json({ error: { code: 'RATE_LIMITED', message: 'x' } }, 429));
  app.get('/not-json', (c) => c.text('{"tools":', 200, { 'content-type': 'application/json' }));
  app.get('/session-201', (c) => c.json({}, 201));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

describe('contractFetch', () => {
  it('passes a conforming response (unknown fields ignored)', async () => {
    const r = await contractFetch('getSession', `${base}/session-ok`);
    expect(r.status).toBe(200);
  });

  it.each([
    ['getSession', '/session-bad-role'],
    ['listTools', '/tools-no-etag'],
    ['listTools', '/tools-negative'],
    ['getTool', '/error-bad-code'],
    ['getTool', '/429-no-retry'],
    ['getTool', '/not-json'],
    ['getSession', '/session-201'],
  ])('fails on drift: %s %s', async (op, path) => {
    await expect(contractFetch(op, `${base}${path}`)).rejects.toBeInstanceOf(ContractDrift);
  });

  it('refuses a method or operation the contract does not have', async () => {
    await expect(
      contractFetch('getSession', `${base}/session-ok`, { method: 'POST' }),
    ).rejects.toBeInstanceOf(ContractDrift);
    await expect(contractFetch('deleteEverything', `${base}/session-ok`)).rejects.toBeInstanceOf(
      ContractDrift,
    );
  });
});
