import { isIP } from 'node:net';

/** IPv4 ranges an http node may not reach: private, loopback, link-local, CGNAT, "this network", multicast/reserved. */
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function inV4Range(ip: string, [base, bits]: [string, number]): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (v4ToInt(ip) & mask) === (v4ToInt(base) & mask);
}

/** True for addresses outbound requests must not reach (SSRF protection). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED_V4.some((range) => inV4Range(address, range));
  if (family !== 6) return true;
  const a = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return isBlockedAddress(mapped[1]!);
  if (a === '::' || a === '::1') return true;
  // fc00::/7 unique-local, fe80::/10 link-local, ff00::/8 multicast
  return /^f[cd]/.test(a) || /^fe[89ab]/.test(a) || a.startsWith('ff');
}
