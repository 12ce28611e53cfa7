/**
 * The Host (and Origin) names the server answers to: the DNS-rebinding check. A page whose
 * domain an attacker rebinds to this machine still sends that domain as its Host, so only
 * this machine's own names pass: loopback, the address it is bound to, and, when bound to
 * every interface (0.0.0.0 or ::), each address of this machine's interfaces, read again on
 * every request because they change (Wi-Fi, DHCP). The token is required in every case.
 */
import { networkInterfaces } from 'node:os';

const EVERY_INTERFACE = new Set(['0.0.0.0', '::', '[::]']);

/** An address as it appears in a Host header: IPv6 in brackets, without a zone (%eth0). */
const asHostName = (address: string) =>
  address.includes(':') && !address.startsWith('[') ? `[${address.split('%')[0]}]` : address;

/** Every accepted `host:port`, lower case (compare with a lower-cased header). */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', asHostName(boundHost.toLowerCase())]);
  if (EVERY_INTERFACE.has(boundHost)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.add(asHostName(a.address.toLowerCase()));
    }
  }
  return new Set([...names].map((h) => `${h}:${port}`));
}

export const bindsEveryInterface = (host: string) => EVERY_INTERFACE.has(host);

/**
 * This machine's addresses other machines can reach when bound to `boundHost` (no loopback
 * or link-local; 0.0.0.0 listens on IPv4 only, :: on both), for the printed warning.
 */
export function externalAddresses(boundHost: string): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !a.address.startsWith('fe80:'))
    .filter((a) => boundHost !== '0.0.0.0' || a.family === 'IPv4')
    .map((a) => asHostName(a.address));
}
