import { isIP } from 'node:net';
import { badInput } from '../graphql/errors';
import { hostOf, refusedAddressKind } from './address-policy';

const MAX_URL_LENGTH = 2_000;

/**
 * A createWebhook URL, checked as far as can be before any delivery: https, or http to a host in
 * WEBHOOK_ALLOW_HOSTS; no user name or password (they would be stored and sent in the clear); an
 * address written into the URL must be a public one unless its host is allowed. Host names are
 * checked again at every delivery, against what they resolve to then (see address-policy.ts).
 */
export function checkWebhookUrl(raw: unknown, allowHosts: readonly string[], field = 'input.url'): URL {
  if (typeof raw !== 'string' || !raw.trim()) throw badInput(field, 'must be an absolute https URL');
  if (raw.length > MAX_URL_LENGTH) throw badInput(field, `must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput(field, `"${raw}" is not an absolute URL`);
  }
  const host = hostOf(url);
  const allowed = allowHosts.includes(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) {
    throw badInput(field, `must be an https URL (http only to hosts listed in WEBHOOK_ALLOW_HOSTS); got ${url.protocol.replace(':', '')}`);
  }
  if (url.username || url.password) throw badInput(field, 'must not carry a user name or password; put a token in the path or query if the receiver needs one');
  if (url.hash) throw badInput(field, 'must not have a #fragment (it is never sent)');
  const refused = isIP(host) && !allowed ? refusedAddressKind(host) : null;
  if (refused) throw badInput(field, `${host} is ${refused}; only hosts listed in WEBHOOK_ALLOW_HOSTS may be reached there`);
  return url;
}
