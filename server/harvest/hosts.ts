// Which hosts a harvest may contact (docs/harvesting.md "Safety"). With HARVEST_ALLOWED_HOSTS set, a URL
// must name a listed host — decided from the URL alone, before any name lookup or connection. Without
// it, any host may be named but a name resolving to a loopback, private or link-local address is
// refused at connection time (the lookup below), so a DNS answer cannot smuggle in an internal target.
import dns from 'node:dns';
import net from 'node:net';

/** The host of a URL as `host:port` with the scheme's default port filled in. */
function hostWithPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname.toLowerCase()}:${port}`;
}

/** True when `url` names a host of the list (entries `host` or `host:port`); a null list allows every host. */
export function hostAllowed(url: URL, allowed: readonly string[] | null): boolean {
  if (!allowed) return true;
  const hostname = url.hostname.toLowerCase();
  const withPort = hostWithPort(url);
  return allowed.some((entry) => entry === hostname || entry === withPort);
}

/** True when two URLs are on the same host and port (a redirect may not leave it). */
export function sameHost(a: URL, b: URL): boolean {
  return hostWithPort(a) === hostWithPort(b);
}

function ipv4Private(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

/** True for loopback, private, link-local, unspecified, multicast and reserved addresses (IPv4 and IPv6). */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return ipv4Private(ip);
  const lower = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return ipv4Private(mapped[1]);
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower.startsWith('ff');
}

/** The error a refused address raises inside the connection (turned into `host_not_allowed`). */
export class ForbiddenAddressError extends Error {
  constructor(readonly address: string) {
    super(`address ${address} is not public`);
    this.name = 'ForbiddenAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: the system lookup, then every address it found must be public. Used
 * only when no allow-list is configured (an allow-list was already checked from the URL).
 */
export function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(Object.assign(new ForbiddenAddressError(bad.address), { code: 'EHARVESTADDR' }), '');
    if (options.all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}
