import os from 'node:os';

/**
 * The addresses the primary listens on: the shop's own network only. A laptop also sits on
 * loopback, on a phone's hotspot or a café's network with a public address, and on virtual
 * adapters; the link answers only on private IPv4 ranges (10/8, 172.16/12, 192.168/16), one
 * listener per address, never on every interface at once (0.0.0.0 or ::).
 */
export function lanAddresses(
  interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces(),
): string[] {
  const out = new Set<string>();
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal && isPrivateIPv4(info.address)) out.add(info.address);
    }
  }
  return [...out];
}

export function isPrivateIPv4(address: string): boolean {
  const parts = address.split('.');
  if (parts.length !== 4) return false;
  const n = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (n.some((x) => !(x >= 0 && x <= 255))) return false;
  const [a, b] = n as [number, number, number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
