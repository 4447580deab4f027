import { describe, expect, it } from 'vitest';
import { checkOrigin, permissionPattern } from './origins.ts';

describe('checkOrigin', () => {
  it.each([
    ['https://app.skolon.com', 'https://app.skolon.com'],
    ['  https://APP.skolon.com/ ', 'https://app.skolon.com'],
    ['https://skolon.example.no:8443', 'https://skolon.example.no:8443'],
  ])('accepts %s', (input, origin) => {
    expect(checkOrigin(input, false)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', 'empty'],
    ['app.skolon.com', 'missingScheme'],
    ['http://app.skolon.com', 'notHttps'],
    ['ftp://app.skolon.com', 'notHttps'],
    ['http://127.0.0.1:4310', 'notHttps'],
    ['https://*.skolon.com', 'wildcard'],
    ['*://app.skolon.com/*', 'wildcard'],
    ['<all_urls>', 'garbage'],
    ['javascript:alert(1)', 'garbage'],
    ['hej hopp', 'garbage'],
    ['https://', 'garbage'],
    ['https://skolon', 'garbage'],
    ['https://user:pw@app.skolon.com', 'garbage'],
    ['https://app.skolon.com/skoladmin', 'hasPath'],
    ['https://app.skolon.com/?x=1', 'hasPath'],
    ['https://app.skolon.com/#x', 'hasPath'],
  ])('refuses %s in production (%s)', (input, problem) => {
    expect(checkOrigin(input, false)).toEqual({ ok: false, problem });
  });

  it('accepts the local sandbox origins only in the sandbox flavour, and only those', () => {
    expect(checkOrigin('http://127.0.0.1:4310', true)).toEqual({ ok: true, origin: 'http://127.0.0.1:4310' });
    expect(checkOrigin('http://localhost:8080/', true)).toEqual({
      ok: true,
      origin: 'http://localhost:8080',
    });
    expect(checkOrigin('http://192.168.0.10', true)).toEqual({ ok: false, problem: 'notHttps' });
  });

  it('derives the permission pattern', () => {
    expect(permissionPattern('http://127.0.0.1:4310')).toBe('http://127.0.0.1/*');
    expect(permissionPattern('https://app.skolon.com')).toBe('https://app.skolon.com/*');
  });
});
