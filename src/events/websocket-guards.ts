import type { IncomingMessage } from 'node:http';
import type { VerifyClientCallbackAsync } from 'ws';
import type { Config } from '../config';
import { clientAddress } from '../http/client-address';

/**
 * What a WebSocket upgrade must pass before the graphql-ws protocol starts:
 *  - an Origin, when a browser sends one, that is this server's own or one CORS_ORIGINS lists
 *    (when it is set and not "*"): otherwise any page a visitor opens could use their socket;
 *  - at most WS_MAX_CONNECTIONS_PER_IP sockets open from one client address; the count drops when
 *    the TCP connection closes, however the handshake or the socket ended.
 * Refusals are plain HTTP answers to the upgrade (403, 429), which clients report as a failed connection.
 */
export function websocketGate(config: Pick<Config, 'corsOrigins' | 'trustProxy' | 'wsMaxConnectionsPerIp'>): VerifyClientCallbackAsync<IncomingMessage> {
  const open = new Map<string, number>();
  const checkOrigin = config.corsOrigins.length > 0 && !config.corsOrigins.includes('*');
  return ({ origin, req }, done) => {
    if (checkOrigin && origin && !config.corsOrigins.includes(origin) && !sameOrigin(origin, req.headers.host)) {
      return done(false, 403, 'This Origin may not open a WebSocket here (CORS_ORIGINS)');
    }
    const address = clientAddress(req, config.trustProxy) ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= config.wsMaxConnectionsPerIp) {
      return done(false, 429, `At most ${config.wsMaxConnectionsPerIp} WebSocket connections from one address (WS_MAX_CONNECTIONS_PER_IP)`);
    }
    open.set(address, count + 1);
    req.socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    done(true);
  };
}

/** A page served by this very server (the dashboard, the playground) opens its socket with its own origin. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
