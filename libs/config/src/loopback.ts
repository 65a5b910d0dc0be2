import { BlockList, isIPv4, isIPv6 } from 'node:net';

const loopbackV6 = new BlockList();
loopbackV6.addAddress('::1', 'ipv6');
// IPv4-mapped 127.0.0.0/8 (::ffff:127.0.0.1).
loopbackV6.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/**
 * Whether binding `host` keeps a server reachable from this machine only: `localhost`, 127.0.0.0/8 or ::1
 * (brackets allowed). Anything else, `0.0.0.0`, `::` and every other name included, may be reachable from outside.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  if (isIPv6(bare)) return loopbackV6.check(bare, 'ipv6');
  return false;
}
