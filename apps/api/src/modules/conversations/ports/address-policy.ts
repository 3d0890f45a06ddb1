import { isIP } from 'node:net';

/**
 * Which resolved addresses outbound requests (http nodes, webhooks, HTTP facts) may not reach, decided
 * on the address's BYTES rather than its text: `::ffff:127.0.0.1`, `::ffff:7f00:1` and
 * `0:0:0:0:0:ffff:127.0.0.1` are one address, and every IPv6 form that carries an IPv4 address
 * (mapped, compatible, SIIT-translated, NAT64, 6to4, Teredo) is judged by the IPv4 address inside.
 */

/** IPv4 ranges: "this network", private, CGNAT, loopback, link-local, IETF/documentation, benchmarking, multicast, reserved. */
const BLOCKED_V4: [number[], number][] = [
  [[0, 0, 0, 0], 8],
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10],
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16],
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4],
  [[240, 0, 0, 0], 4],
];

/** IPv6 ranges refused outright (the IPv4-carrying ones are unwrapped first, see ipv4Inside). */
const BLOCKED_V6: [number[], number][] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], // 100::/64 discard
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48], // 64:ff9b:1::/48 local-use NAT64
  [[0x20, 0x01, 0x0d, 0xb8], 32], // 2001:db8::/32 documentation
  [[0x20, 0x01, 0x00, 0x10], 28], // 2001:10::/28 ORCHID
  [[0xfc], 7], // unique-local
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // site-local (deprecated, still routed by some stacks)
  [[0xff], 8], // multicast
];

function inRange(bytes: readonly number[], [base, bits]: [number[], number]): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[i] ?? 0) & mask) !== ((base[i] ?? 0) & mask)) return false;
  }
  return true;
}

function parseV4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** The 16 bytes of an IPv6 address in any textual form (`::`, embedded dotted quad, zone id); undefined if malformed. */
export function parseV6(text: string): number[] | undefined {
  let address = text.replace(/%.*$/, '').toLowerCase();
  let tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const v4 = parseV4(dotted[2] as string);
    if (!v4) return undefined;
    tail = v4;
    address = `${dotted[1]}0:0`; // placeholder groups, replaced by the dotted bytes below
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] as string);
  const rest = halves.length === 2 ? groups(halves[1] as string) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const bytes = all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

const zeros = (bytes: readonly number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);

/** The IPv4 address an IPv6 address carries (mapped, compatible, translated, NAT64, 6to4, Teredo), if any. */
export function ipv4Inside(b: readonly number[]): number[] | undefined {
  if (zeros(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12); // ::ffff:a.b.c.d mapped
  if (zeros(b, 0, 12)) return b.slice(12); // ::a.b.c.d compatible (also :: and ::1 → 0.0.0.x)
  if (zeros(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(b, 10, 12)) return b.slice(12); // ::ffff:0:a.b.c.d SIIT
  if (inRange(b, [[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96])) return b.slice(12); // 64:ff9b::/96 NAT64
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6); // 2002::/16 6to4
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) return b.slice(12).map((x) => x ^ 0xff); // Teredo client
  return undefined;
}

/** True for addresses outbound requests must not reach (SSRF protection); anything unparsable is refused. */
export function isBlockedAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '');
  const family = isIP(text.replace(/%.*$/, ''));
  if (family === 4) {
    const v4 = parseV4(text);
    return !v4 || BLOCKED_V4.some((range) => inRange(v4, range));
  }
  if (family !== 6) return true;
  const bytes = parseV6(text);
  if (!bytes) return true;
  const v4 = ipv4Inside(bytes);
  if (v4) return BLOCKED_V4.some((range) => inRange(v4, range));
  return BLOCKED_V6.some((range) => inRange(bytes, range));
}
