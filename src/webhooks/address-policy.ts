import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

/**
 * Where webhooks may not reach unless their host is in WEBHOOK_ALLOW_HOSTS: addresses of this
 * machine, of its networks and of cloud metadata services. A webhook URL is chosen by whoever holds
 * an ADMIN key, but the request is made from inside the deployment, so without this check a URL
 * could read an internal service (server-side request forgery).
 */
const RANGES: { label: string; v4: [string, number][]; v6: [string, number][] }[] = [
  { label: 'a loopback address', v4: [['127.0.0.0', 8]], v6: [['::1', 128]] },
  { label: 'an unspecified address', v4: [['0.0.0.0', 8]], v6: [['::', 128]] },
  {
    label: 'a private address',
    v4: [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['198.18.0.0', 15]],
    v6: [['fc00::', 7]],
  },
  // 169.254.169.254 (and fd00:ec2::254, inside fc00::/7 above) is where clouds serve instance credentials.
  { label: 'a link-local or metadata address', v4: [['169.254.0.0', 16]], v6: [['fe80::', 10]] },
  { label: 'a multicast or reserved address', v4: [['224.0.0.0', 4], ['240.0.0.0', 4], ['192.0.0.0', 24]], v6: [['ff00::', 8], ['64:ff9b:1::', 48]] },
];

const LISTS = RANGES.map(({ label, v4, v6 }) => {
  const list = new BlockList();
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return { label, list };
});

/** Why an address is refused ("a loopback address", …), or null for a public address. */
export function refusedAddressKind(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  return LISTS.find(({ list }) => list.check(ip, family))?.label ?? null;
}

/** A URL's host as WEBHOOK_ALLOW_HOSTS names it: lower-case, IPv6 without brackets. */
export const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');

export class RefusedAddress extends Error {}

export type ResolveAll = (hostname: string, callback: (err: NodeJS.ErrnoException | null, addresses: { address: string; family: number }[]) => void) => void;

const systemResolveAll: ResolveAll = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A `lookup` for http.request that resolves the host at connection time and refuses it when any
 * address it resolves to is refused: the address connected to is the one checked, so a name that
 * resolves to a public address when the webhook is created and to 127.0.0.1 later (DNS rebinding)
 * is still refused. Every address is checked, not only the first, so a name cannot slip a private
 * address in behind a public one.
 */
export function guardedLookup(allowPrivate: boolean, resolveAll: ResolveAll = systemResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const refused = allowPrivate ? undefined : addresses.find((a) => refusedAddressKind(a.address));
      if (refused) {
        return callback(new RefusedAddress(`${hostname} resolves to ${refused.address}, ${refusedAddressKind(refused.address)}; only hosts in WEBHOOK_ALLOW_HOSTS may be reached there`), '', 0);
      }
      const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
      const chosen = wanted[0] ?? addresses[0];
      if (!chosen) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, wanted);
      callback(null, chosen.address, chosen.family);
    });
  };
}
