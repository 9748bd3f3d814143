import { isIPv4, isIPv6 } from 'node:net';

/**
 * What counts as "this machine" for demo mode, whose bot runs without authentication: it may
 * listen only there, and it may send replies only there.
 */

/** True for localhost, 127.0.0.0/8 and ::1 (with or without IPv6 brackets). */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  if (isIPv4(name)) return name.split('.')[0] === '127';
  if (isIPv6(name)) return name === '::1' || name === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * True for an http: or https: URL on a loopback host, without credentials. The WHATWG parser has
 * normalised every spelling of an address first (2130706433, 0x7f.1, 127.1 are all 127.0.0.1).
 */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return isLoopbackHost(url.hostname);
}

/** Where a server listens, as a person should read it: "127.0.0.1:3978", "0.0.0.0:3978 (every IPv4 interface)". */
export function describeBound(address: string, port: number): string {
  const everyInterface = address === '0.0.0.0' ? ' (every IPv4 interface)' : address === '::' ? ' (every interface)' : '';
  return `${address.includes(':') ? `[${address}]` : address}:${port}${everyInterface}`;
}
