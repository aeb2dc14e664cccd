// The outbound-request guard: the crawler fetches URLs a caller chose (API seeds, links, redirects, robots.txt
// Sitemap lines), so it must never reach the machine it runs on or its private network. Checked twice:
// - on the URL before every hop: an IP literal in any spelling (2130706433, 127.1, 0x7f.1, [::ffff:127.0.0.1])
//   is already normalised by the WHATWG URL parser, so one address check covers them all;
// - in the connection's DNS lookup: the addresses a name resolves to are filtered here and only those that pass
//   are handed to connect, so a name that resolves to a public address once and a private one later (DNS
//   rebinding) is checked on the address actually connected to, on every new connection.
// `allow` lists addresses or CIDR blocks that may be reached anyway (a local test site: 127.0.0.1).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { CrawlError } from './errors.ts';

/** Blocks never crawled: [address, prefix, family, what]. */
const FORBIDDEN: Array<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'this network'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'ipv4', 'documentation'],
  ['192.88.99.0', 24, 'ipv4', '6to4 relay'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation'],
  ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['64:ff9b:1::', 48, 'ipv6', 'NAT64'],
  ['100::', 64, 'ipv6', 'discard'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['2002::', 16, 'ipv6', '6to4'],
  ['fc00::', 7, 'ipv6', 'unique-local'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const blocks = FORBIDDEN.map(([address, prefix, family, what]) => {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { list, what };
});

/** A URL or an address the guard refuses to reach. Final: retrying cannot change it. */
export class ForbiddenAddressError extends CrawlError {
  constructor(message: string) {
    super('FORBIDDEN_ADDRESS', message, { retryable: false });
  }
}

/** Resolves a host name to all its addresses (dns.lookup with all: true by default; tests stub it). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (e, addresses) => (e ? reject(e) : resolve(addresses))));

const familyOf = (ip: string): 'ipv4' | 'ipv6' => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

export class AddressGuard {
  private readonly allowed = new BlockList();
  private readonly resolver: Resolver;

  /** `allow`: addresses ("127.0.0.1", "::1") or CIDR blocks ("127.0.0.0/8") that may be reached although private. */
  constructor(allow: readonly string[] = [], resolver: Resolver = systemResolver) {
    for (const entry of allow) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address);
      if (!family) throw new ForbiddenAddressError(`allow-list entry ${JSON.stringify(entry)} is not an IP address or CIDR block`);
      if (prefix === undefined) this.allowed.addAddress(address, familyOf(address));
      else this.allowed.addSubnet(address, Number(prefix), familyOf(address));
    }
    this.resolver = resolver;
  }

  /** Why this address may not be reached ("loopback", "private"…), or null. IPv4-mapped IPv6 counts as its IPv4. */
  reason(ip: string): string | null {
    const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    if (!isIP(bare)) return 'not an IP address';
    const family = familyOf(bare);
    if (this.allowed.check(bare, family)) return null;
    return blocks.find((b) => b.list.check(bare, family))?.what ?? null;
  }

  /** Refuses a URL whose host is a forbidden IP literal (in any spelling the URL parser accepts). */
  checkUrl(url: string): void {
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    } catch {
      throw new ForbiddenAddressError(`not a URL: ${JSON.stringify(url.slice(0, 200))}`);
    }
    if (!isIP(host)) return; // a name: checked at connection time, on the addresses it resolves to
    const why = this.reason(host);
    if (why) throw new ForbiddenAddressError(`${url} is a ${why} address (${host}): not crawled`);
  }

  /**
   * A `lookup` for net/tls connect (undici's `connect` options): resolves, drops forbidden addresses, and hands
   * connect only those that passed, so the address checked is the address connected to.
   */
  readonly lookup = (hostname: string, options: { all?: boolean; family?: number | string } | number, callback: (...a: unknown[]) => void): void => {
    const all = typeof options === 'object' && !!options.all;
    this.resolver(hostname).then(
      (addresses) => {
        const refused: string[] = [];
        const ok = addresses.filter((a) => {
          const why = this.reason(a.address);
          if (why) refused.push(`${a.address} (${why})`);
          return !why;
        });
        if (ok.length === 0) {
          callback(new ForbiddenAddressError(`${hostname} resolves only to forbidden addresses: ${refused.join(', ') || 'none'}`));
          return;
        }
        if (all) callback(null, ok);
        else callback(null, ok[0].address, ok[0].family);
      },
      (e: unknown) => callback(e),
    );
  };
}
