import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { isBlockedAddress } from './address-policy';

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(host: string, address: string) {
    super(`refused to call ${host} (${address}): private, loopback or link-local address`);
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `dns.lookup` that refuses a host when ANY of its addresses is blocked. It runs inside the socket's
 * connect, so the address checked is the address connected to: a name that resolved to a public
 * address for an earlier check and to 127.0.0.1 now (DNS rebinding) is refused too.
 */
export function guardedLookup(resolve: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const blocked = list.find((a) => isBlockedAddress(a.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), []);
      if (list.length === 0) return callback(Object.assign(new Error(`cannot resolve ${hostname}`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, list);
      const first = list[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

export interface GuardedDispatcherOptions {
  /** Hosts an admin allow-listed: private addresses are allowed for exactly these names. */
  allowedHosts: readonly string[];
  /** DNS for tests; default `dns.lookup`. */
  lookup?: LookupFunction;
}

/**
 * The undici dispatcher every outbound request goes through. At connect time: IP-literal hosts are
 * checked as bytes, names resolve through `guardedLookup`, and the connected socket's remote address is
 * checked once more (whatever route led there). Allow-listed host names skip the checks.
 */
export function createGuardedDispatcher(options: GuardedDispatcherOptions): Agent {
  const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  const open = buildConnector({});
  const guarded = buildConnector({ lookup: guardedLookup(options.lookup) } as buildConnector.BuildOptions);
  return new Agent({
    connect(connectOptions, callback) {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      if (allowed.has(host)) return open(connectOptions, callback);
      if (isIP(host) !== 0 && isBlockedAddress(host)) return callback(new BlockedAddressError(host, host), null);
      return guarded(connectOptions, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no socket'), null);
        const remote = (socket as Socket).remoteAddress;
        if (remote !== undefined && isBlockedAddress(remote)) {
          socket.destroy();
          return callback(new BlockedAddressError(host, remote), null);
        }
        return callback(null, socket);
      });
    },
  });
}
