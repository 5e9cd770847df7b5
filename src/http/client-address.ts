import type { IncomingMessage } from 'node:http';

/**
 * The client's address as Express's `req.ip` reports it with `trust proxy` set to a hop count: the
 * peer's address, or with TRUST_PROXY = n the n-th address from the right of X-Forwarded-For (the
 * last one each trusted proxy appended). For the requests Express never sees: WebSocket upgrades.
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string | undefined {
  const peer = req.socket.remoteAddress;
  if (trustProxy === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustProxy, chain.length - 1)];
}
