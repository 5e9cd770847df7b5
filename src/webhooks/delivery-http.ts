import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, hostOf, RefusedAddress, refusedAddressKind, ResolveAll } from './address-policy';

/** A receiver has this long to answer (headers and body) before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** At most this much of a receiver's answer is read; the rest is cut off. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export type DeliveryOutcome = { ok: true; status: number } | { ok: false; error: string };

export interface DeliveryTarget {
  url: URL;
  /** Whether the URL's host is in WEBHOOK_ALLOW_HOSTS (then loopback and private addresses are fine). */
  allowPrivate: boolean;
}

/**
 * POSTs one delivery. Only a 2xx answer within the timeout acknowledges it; a redirect is a failure
 * and is not followed (it could point anywhere, including inside the network). The error strings
 * name the status or the network failure, never a header, so no signature or secret reaches a log
 * or Webhook.lastError through them.
 */
export class DeliveryClient {
  // Kept-alive connections: a receiver taking a burst gets one handshake, not one per event. A
  // pooled socket was checked when it connected, to the address it is still connected to.
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64, timeout: DELIVERY_TIMEOUT_MS }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64, timeout: DELIVERY_TIMEOUT_MS }),
  };
  private readonly lookups: Record<'open' | 'guarded', ReturnType<typeof guardedLookup>>;

  constructor(resolveAll?: ResolveAll) {
    this.lookups = { open: guardedLookup(true, resolveAll), guarded: guardedLookup(false, resolveAll) };
  }

  post(target: DeliveryTarget, body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<DeliveryOutcome> {
    const { url, allowPrivate } = target;
    const host = hostOf(url);
    const literalRefused = isIP(host) && !allowPrivate ? refusedAddressKind(host) : null;
    if (literalRefused) return Promise.resolve({ ok: false, error: `refused: ${host} is ${literalRefused}` });
    const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!transport) return Promise.resolve({ ok: false, error: `refused: ${url.protocol} is not http or https` });

    return new Promise<DeliveryOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: DeliveryOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const req = transport.request(url, {
        method: 'POST',
        agent: this.agents[url.protocol as 'http:' | 'https:'],
        lookup: this.lookups[allowPrivate ? 'open' : 'guarded'],
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'follow-through-tracker-webhooks/1', ...headers },
      });
      const timer = setTimeout(() => {
        finish({ ok: false, error: `timed out after ${DELIVERY_TIMEOUT_MS / 1000} s` });
        req.destroy();
      }, DELIVERY_TIMEOUT_MS);
      const onAbort = () => {
        finish({ ok: false, error: 'cancelled: the server is stopping or the webhook was deleted' });
        req.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => finish({ ok: false, error: describeNetworkError(err) }));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        const settle = () => {
          if (status >= 200 && status < 300) finish({ ok: true, status });
          else if (status >= 300 && status < 400) finish({ ok: false, error: `HTTP ${status} (redirects are not followed)` });
          else finish({ ok: false, error: `HTTP ${status}` });
        };
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) {
            settle();
            res.destroy();
          }
        });
        res.on('end', settle);
        res.on('error', () => (settled ? undefined : finish({ ok: false, error: `the answer (HTTP ${status}) broke off before its end` })));
      });
      req.end(body);
    });
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

function describeNetworkError(err: Error & { code?: string }): string {
  if (err instanceof RefusedAddress) return `refused: ${err.message}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset before an answer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate not accepted (${err.code})`;
    default:
      return err.code ? `network error ${err.code}` : 'network error';
  }
}
