// A tiny stand-in web page on 127.0.0.1, for tests that need any page the content script runs on.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlainSite {
  url: string;
  close(): Promise<void>;
}

export async function startPlainSite(): Promise<PlainSite> {
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Plain</title><h1>Plain page</h1><p>${req.url === '/' ? 'home' : 'other'}</p>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
