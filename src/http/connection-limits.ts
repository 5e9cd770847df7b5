import type { Server, ServerOptions } from 'node:http';
import type { Config } from '../config';

/**
 * Bounds on the connections themselves, before any request is read (slow-loris, descriptor
 * exhaustion): a client has HTTP_HEADERS_TIMEOUT_S to send its headers and HTTP_REQUEST_TIMEOUT_S
 * for its whole request (Node answers 408 and closes), and one peer address may hold at most
 * HTTP_MAX_CONNECTIONS_PER_IP open connections; one more is closed at once, before it costs
 * anything. Behind a proxy every connection comes from the proxy, so the cap is off by default
 * there (TRUST_PROXY > 0) and belongs to the proxy.
 */
export function httpServerOptions(config: Pick<Config, 'httpHeadersTimeoutSeconds' | 'httpRequestTimeoutSeconds'>): ServerOptions {
  return {
    headersTimeout: config.httpHeadersTimeoutSeconds * 1000,
    requestTimeout: config.httpRequestTimeoutSeconds * 1000,
    // How often Node looks for connections past those timeouts (30 s by default, which would let
    // a slow client keep its socket for half a minute past a 10 s limit).
    connectionsCheckingInterval: Math.min(1_000, config.httpHeadersTimeoutSeconds * 1000),
  };
}

/** The per-address cap on open connections (see above). */
export function limitConnections(server: Server, config: Pick<Config, 'httpMaxConnectionsPerIp'>): void {
  const cap = config.httpMaxConnectionsPerIp;
  if (cap === 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= cap) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
