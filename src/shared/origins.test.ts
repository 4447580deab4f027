import { describe, expect, it } from 'vitest';
import { checkOrigin, coveredBy, patternCoversOrigin, permissionPattern } from './origins.ts';

describe('checkOrigin in production', () => {
  it.each([
    ['https://app.skolon.com', 'https://app.skolon.com'],
    ['  https://APP.skolon.com/ ', 'https://app.skolon.com'],
    ['https://skolon.example.no:8443', 'https://skolon.example.no:8443'],
    ['https://skolon.example.org:8443/', 'https://skolon.example.org:8443'],
    ['https://skolon.example.org:443', 'https://skolon.example.org'],
  ])('accepts %s as %s', (input, origin) => {
    expect(checkOrigin(input, false)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['app.skolon.com', 'missingScheme'],
    ['http://app.skolon.com', 'notHttps'],
    ['http://skolon.example.org:8080', 'notHttps'],
    ['ftp://app.skolon.com', 'notHttps'],
    ['https://*.skolon.com', 'wildcard'],
    ['*://app.skolon.com/*', 'wildcard'],
    ['<all_urls>', 'garbage'],
    ['javascript:alert(1)', 'garbage'],
    ['hej hopp', 'garbage'],
    ['https://', 'garbage'],
    ['https://skolon', 'garbage'],
    ['https://app.skolon.com.', 'garbage'],
    ['https://user:pw@app.skolon.com', 'garbage'],
    ['https://app.skolon.com/skoladmin', 'hasPath'],
    ['https://app.skolon.com/?x=1', 'hasPath'],
    ['https://app.skolon.com/#x', 'hasPath'],
    // IP addresses, v4 and v6, loopback or not, and however the address is spelled
    ['https://192.168.0.10', 'ipAddress'],
    ['https://10.0.0.1:8443', 'ipAddress'],
    ['https://127.0.0.1', 'ipAddress'],
    ['http://127.0.0.1:4310', 'ipAddress'],
    ['https://2130706433', 'ipAddress'],
    ['https://0x7f.1', 'ipAddress'],
    ['https://[::1]', 'ipAddress'],
    ['https://[2001:db8::1]:8443', 'ipAddress'],
    ['http://[::1]:4310', 'ipAddress'],
    // localhost, and names under it (browsers resolve them to loopback)
    ['https://localhost', 'localhost'],
    ['http://localhost:4310', 'localhost'],
    ['https://LOCALHOST:8443', 'localhost'],
    ['https://skolon.localhost', 'localhost'],
  ])('refuses %s (%s)', (input, problem) => {
    expect(checkOrigin(input, false)).toEqual({ ok: false, problem });
  });
});

describe('checkOrigin in the sandbox flavour', () => {
  it.each([
    ['http://127.0.0.1:4310', 'http://127.0.0.1:4310'],
    ['http://127.0.0.2:5555/', 'http://127.0.0.2:5555'],
    ['http://127.1.2.3', 'http://127.1.2.3'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['https://localhost:8443', 'https://localhost:8443'],
    ['https://skolon.example.org:8443', 'https://skolon.example.org:8443'],
  ])('accepts %s as %s', (input, origin) => {
    expect(checkOrigin(input, true)).toEqual({ ok: true, origin });
  });

  it.each([
    ['http://192.168.0.10', 'ipAddress'],
    ['https://10.0.0.1', 'ipAddress'],
    ['http://[::1]:4310', 'ipAddress'],
    ['http://skolon.localhost', 'localhost'],
    ['http://skolon.example.com', 'notHttps'],
    ['http://127.0.0.2/x', 'hasPath'],
  ])('still refuses %s (%s)', (input, problem) => {
    expect(checkOrigin(input, true)).toEqual({ ok: false, problem });
  });
});

describe('patterns', () => {
  it('derives the permission pattern without the port', () => {
    expect(permissionPattern('http://127.0.0.1:4310')).toBe('http://127.0.0.1/*');
    expect(permissionPattern('https://skolon.example.org:8443')).toBe('https://skolon.example.org/*');
    expect(permissionPattern('https://app.skolon.com')).toBe('https://app.skolon.com/*');
  });

  it.each([
    ['https://app.skolon.com/*', 'https://app.skolon.com', true],
    ['https://app.skolon.com/*', 'https://app.skolon.com:8443', true],
    ['https://app.skolon.com/*', 'http://app.skolon.com', false],
    ['https://app.skolon.com/*', 'https://other.skolon.com', false],
    ['http://127.0.0.1/*', 'http://127.0.0.1:4310', true],
    ['http://127.0.0.1/*', 'http://127.0.0.2:4310', false],
    ['https://*.skolon.com/*', 'https://skolon.com', true],
    ['https://*.skolon.com/*', 'https://a.b.skolon.com', true],
    ['https://*.skolon.com/*', 'https://notskolon.com', false],
    ['*://app.skolon.com/*', 'http://app.skolon.com', true],
    ['https://*/*', 'https://anything.example', true],
    ['https://*/*', 'http://127.0.0.2', false],
    ['<all_urls>', 'http://127.0.0.2', true],
    ['not a pattern', 'https://app.skolon.com', false],
  ])('%s covers %s: %s', (pattern, origin, covered) => {
    expect(patternCoversOrigin(pattern, origin)).toBe(covered);
  });

  it('is covered when any pattern covers it', () => {
    const sandbox = ['https://app.skolon.com/*', 'http://127.0.0.1/*', 'http://localhost/*'];
    expect(coveredBy(sandbox, 'http://localhost:4999')).toBe(true);
    expect(coveredBy(sandbox, 'http://127.0.0.2:4999')).toBe(false);
    expect(coveredBy([], 'https://app.skolon.com')).toBe(false);
  });
});
