import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Clock } from '../domain/clock';
import { badInput, notFound } from '../graphql/errors';
import { LIMITS, requiredText } from '../graphql/validate';
import { API_KEY_ROLES, ApiKeyEntity, ApiKeyRole } from './api-key.entity';
import { findKeyByName, insertKey, revokeKeyByName, upsertBootstrapKey } from './api-key.repository';
import { hashKey } from './authenticate';
import { looksLikeSystemActor, SYSTEM_ACTORS } from '../events/system-actors';

/** The name under which ADMIN_API_KEY is stored; reserved (with the other system actors) so no created key can take it over. */
export const BOOTSTRAP_KEY_NAME = SYSTEM_ACTORS.bootstrapAdmin;
/** A recognizable prefix lets secret scanners spot leaked keys. */
const KEY_PREFIX = 'ftt_';

export interface NewApiKey {
  key: string;
  name: string;
  role: ApiKeyRole;
}

/** 256 random bits; returned to the caller once and never stored. */
function generateKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

function keyName(value: unknown, field: string): string {
  const name = requiredText(value, field, { max: LIMITS.name });
  if (looksLikeSystemActor(name)) {
    throw badInput(field, `"${name}" reads like one of the system's own actor names (${Object.values(SYSTEM_ACTORS).join(', ')}), which are reserved, in any case`);
  }
  return name;
}

export async function createApiKey(db: DataSource, clock: Clock, input: { name: string; role: ApiKeyRole }): Promise<NewApiKey> {
  const name = keyName(input.name, 'input.name');
  if (!API_KEY_ROLES.includes(input.role)) throw badInput('input.role', `must be one of ${API_KEY_ROLES.join(', ')}`);
  if (await findKeyByName(db, name)) throw badInput('input.name', `a key named "${name}" already exists; names are unique`);
  const key = generateKey();
  try {
    const row = await insertKey(db, { name, role: input.role, keyHash: hashKey(key), createdAt: clock.now() });
    return { key, name: row.name, role: row.role };
  } catch (e) {
    // Two admins racing for the same name: the loser gets the same answer as if it had come second.
    if ((e as { code?: string }).code === '23505') throw badInput('input.name', `a key named "${name}" already exists; names are unique`);
    throw e;
  }
}

export async function revokeApiKey(db: DataSource, clock: Clock, name: string): Promise<ApiKeyEntity> {
  const checked = requiredText(name, 'name', { max: LIMITS.name });
  const row = await revokeKeyByName(db, checked, clock.now());
  if (!row) throw notFound('API key', checked, 'name');
  return row;
}

/**
 * Called at server start: ADMIN_API_KEY becomes the ADMIN key "bootstrap-admin", stored as a hash
 * like any other. Unset changes nothing, so servers sharing a database need not agree on it; to
 * retire the bootstrap key, revoke it (it stays revoked across restarts with the same secret) or
 * set a new secret.
 */
export async function bootstrapAdminKey(db: DataSource, clock: Clock, adminApiKey: string | undefined): Promise<void> {
  if (adminApiKey) await upsertBootstrapKey(db, BOOTSTRAP_KEY_NAME, hashKey(adminApiKey), clock.now());
}
