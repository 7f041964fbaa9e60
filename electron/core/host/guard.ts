/**
 * Who may talk to the browser host, decided before any handler runs:
 * - the Host header must name an address the host listens for (loopback names, and in workshop mode the chosen
 *   address): a DNS-rebinding page (`http://evil.example:5180` resolving to 127.0.0.1) is refused outright;
 * - a WebSocket upgrade needs an Origin of an allowed host (and the same host the request names);
 * - the owner is a loopback client that presents the owner secret, which the host writes only into the page it
 *   serves to loopback; a bare loopback connection without it is an observer, and other devices are guests until
 *   they sign in to a workshop session (their token, offered as a subprotocol, is resolved by the dispatcher on
 *   every call, so the role a connection starts with is only its floor).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Role } from '../../../shared/api/types';
import { tokenHashOf } from '../services/workshop';

/** The WebSocket subprotocol the UI speaks; the owner secret travels as a second one, `chipao-owner.<hex>`. */
export const PROTOCOL = 'chipao';
export const OWNER_PROTOCOL_PREFIX = 'chipao-owner.';
/** A signed-in workshop device offers its token as `chipao-token.<hex>` (services/workshop.ts issues it). */
export const TOKEN_PROTOCOL_PREFIX = 'chipao-token.';

export type Guard = Readonly<{
  ownerToken: string;
  /** Is this Host header one of ours? */
  allowsHost(host: string | undefined): boolean;
  /** Is this Origin one of ours and the same host the request names? */
  allowsOrigin(origin: string | undefined, host: string | undefined): boolean;
  /** May this request receive the owner secret (a loopback client asking by a loopback name)? */
  mayReceiveOwnerToken(req: IncomingMessage): boolean;
  /** The role of a WebSocket client from its address and the subprotocols it offered, before any sign-in. */
  roleOf(req: IncomingMessage, protocols: ReadonlySet<string>): Role;
  /** SHA-256 of the workshop token offered as a subprotocol, if one of the right shape was. */
  tokenHashOf(protocols: ReadonlySet<string>): string | undefined;
  /** Serves one more address's Host names (a workshop session's interface) until `forgetAddress`. */
  serveAddress(address: string): void;
  forgetAddress(address: string): void;
}>;

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/**
 * @param bound the address the server listens on ('127.0.0.1', '0.0.0.0', a LAN address …)
 * @param extraNames further host names to accept (workshop mode behind a name the room's devices use)
 */
export function createGuard(bound: string, port: number, extraNames: readonly string[] = []): Guard {
  const ownerToken = randomBytes(32).toString('hex');
  const names = new Set<string>(LOOPBACK_NAMES);
  const addName = (name: string): void => {
    names.add(name.includes(':') && !name.startsWith('[') ? `[${name}]` : name);
  };
  if (bound === '0.0.0.0' || bound === '::') {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (!a.internal) addName(a.address);
    }
  } else if (!isLoopbackAddress(bound) && bound !== 'localhost') {
    addName(bound);
  }
  for (const n of extraNames) addName(n.toLowerCase());
  const hosts = new Set<string>();
  const hostNamesOf = (n: string): string[] => (port === 80 ? [`${n}:${port}`, n] : [`${n}:${port}`]);
  for (const n of names) for (const h of hostNamesOf(n)) hosts.add(h);
  const sessionHosts = new Map<string, string[]>();
  const loopbackHosts = new Set(LOOPBACK_NAMES.map((n) => `${n}:${port}`));
  const tokenBytes = Buffer.from(ownerToken);

  const allowsHost = (host: string | undefined): boolean => !!host && hosts.has(host.toLowerCase());
  return {
    ownerToken,
    allowsHost,
    allowsOrigin(origin, host) {
      if (!origin || !host) return false;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
      return url.host === host.toLowerCase() && allowsHost(url.host);
    },
    mayReceiveOwnerToken(req) {
      return isLoopbackAddress(req.socket.remoteAddress) && loopbackHosts.has((req.headers.host ?? '').toLowerCase());
    },
    roleOf(req, protocols) {
      if (!isLoopbackAddress(req.socket.remoteAddress)) return 'guest';
      for (const p of protocols) {
        if (!p.startsWith(OWNER_PROTOCOL_PREFIX)) continue;
        const given = Buffer.from(p.slice(OWNER_PROTOCOL_PREFIX.length));
        if (given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes)) return 'owner';
      }
      return 'observer';
    },
    tokenHashOf(protocols) {
      for (const p of protocols) {
        const token = p.startsWith(TOKEN_PROTOCOL_PREFIX) ? p.slice(TOKEN_PROTOCOL_PREFIX.length) : '';
        if (/^[0-9a-f]{64}$/u.test(token)) return tokenHashOf(token);
      }
      return undefined;
    },
    serveAddress(address) {
      const name = address.includes(':') ? `[${address}]` : address;
      const added = hostNamesOf(name).filter((h) => !hosts.has(h));
      for (const h of added) hosts.add(h);
      sessionHosts.set(address, [...(sessionHosts.get(address) ?? []), ...added]);
    },
    forgetAddress(address) {
      for (const h of sessionHosts.get(address) ?? []) hosts.delete(h);
      sessionHosts.delete(address);
    },
  };
}
