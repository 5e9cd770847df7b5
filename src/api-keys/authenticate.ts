import { createHash } from 'node:crypto';
import type { RequestContext } from '../graphql/context';
import { forbidden, unauthenticated } from '../graphql/errors';
import type { ApiKeyEntity, ApiKeyRole } from './api-key.entity';
import { findKeyByHash, touchLastUsed } from './api-key.repository';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** Who is writing: recorded as the actor of every event and report. */
export interface Actor {
  name: string;
  role: ApiKeyRole;
}

/** last_used_at is a coarse "is this key still in use" signal; one write a minute is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** Longer than any key we issue; anything longer is refused without hashing. */
const MAX_KEY_LENGTH = 512;
const RANK: Record<ApiKeyRole, number> = { EDITOR: 1, ADMIN: 2 };

/**
 * Keys are looked up by their SHA-256, never compared as text: the database index does the
 * comparison on digests, so timing reveals nothing about the secret. Keys carry 256 random bits,
 * so an unsalted fast hash is enough (there is nothing to brute-force).
 */
export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

function bearerToken(authorization: string | undefined): string | null {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m && m[1].length <= MAX_KEY_LENGTH ? m[1] : null;
}

/**
 * Whether `authorization` carries a valid, unrevoked key ('valid', with the key), does not
 * ('invalid'), or the database could not say ('unknown'): decides the pool a request reads through
 * and whether the anonymous rate limit counts it. The valid key is kept on the Caller, so a write
 * later in the same request need not look it up again.
 */
export async function checkKey(db: DataSource, authorization: string | undefined, log: Logger): Promise<
  { answer: 'valid'; key: ApiKeyEntity } | { answer: 'invalid' | 'unknown'; key?: undefined }
> {
  const token = bearerToken(authorization);
  if (!token) return { answer: 'invalid' };
  try {
    const key = await findKeyByHash(db, hashKey(token));
    return key && !key.revokedAt ? { answer: 'valid', key } : { answer: 'invalid' };
  } catch (err) {
    log.warn({ err }, 'could not check an API key');
    return { answer: 'unknown' };
  }
}

async function lookUpActor(ctx: RequestContext): Promise<Actor> {
  const token = bearerToken(ctx.authorization);
  if (!token) throw unauthenticated();
  // The request's caller check found it moments ago; otherwise (a socket, an in-process caller) look it up.
  const key = ctx.callerKey ?? (await findKeyByHash(ctx.db, hashKey(token)));
  // One message for both: telling them apart would confirm to whoever holds a leaked, revoked key
  // that it was once real.
  if (!key || key.revokedAt) throw unauthenticated('This API key is not valid (unknown or revoked)');
  const now = ctx.clock.now();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await touchLastUsed(ctx.db, key.id, now, LAST_USED_RESOLUTION_MS);
  }
  return { name: key.name, role: key.role };
}

// One lookup per request however many mutations it holds; the context dies with the request.
const actors = new WeakMap<RequestContext, Promise<Actor>>();

/**
 * The caller's key, which must have at least `role` (ADMIN includes EDITOR). Runs before any
 * input is looked at, so an anonymous caller learns nothing about what would have been accepted.
 * No, unknown or revoked key: UNAUTHENTICATED. Too weak a role: FORBIDDEN.
 */
export async function requireRole(ctx: RequestContext, role: ApiKeyRole): Promise<Actor> {
  let actor = actors.get(ctx);
  if (!actor) {
    actor = lookUpActor(ctx);
    actors.set(ctx, actor);
  }
  const resolved = await actor;
  if (RANK[resolved.role] < RANK[role]) throw forbidden(`This operation needs an ${role} key; "${resolved.name}" is an ${resolved.role} key`);
  return resolved;
}
