import type { DataSource, EntityManager } from 'typeorm';
import { ApiKeyEntity, ApiKeyRole } from './api-key.entity';

type Db = DataSource | EntityManager;

export function findKeyByHash(db: Db, keyHash: Buffer): Promise<ApiKeyEntity | null> {
  return db.getRepository(ApiKeyEntity).findOneBy({ keyHash });
}

export function findKeyByName(db: Db, name: string): Promise<ApiKeyEntity | null> {
  return db.getRepository(ApiKeyEntity).findOneBy({ name });
}

export function listKeys(db: Db): Promise<ApiKeyEntity[]> {
  return db.getRepository(ApiKeyEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
}

export async function insertKey(db: Db, key: { name: string; role: ApiKeyRole; keyHash: Buffer; createdAt: Date }): Promise<ApiKeyEntity> {
  const [row] = await db.query(
    `INSERT INTO api_key (name, role, key_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [key.name, key.role, key.keyHash, key.createdAt],
  );
  return db.getRepository(ApiKeyEntity).findOneByOrFail({ id: row.id });
}

/**
 * Records use, at most once per `minIntervalMs` per key: the condition makes a burst of requests
 * cost one write a minute, and the row lock is never waited on by readers.
 */
export async function touchLastUsed(db: Db, id: string, now: Date, minIntervalMs: number): Promise<void> {
  await db.query(
    `UPDATE api_key SET last_used_at = $2
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`,
    [id, now, new Date(now.getTime() - minIntervalMs)],
  );
}

/** Revokes by name (keeping the first revocation time); null when no key has that name. */
export async function revokeKeyByName(db: Db, name: string, now: Date): Promise<ApiKeyEntity | null> {
  await db.query(`UPDATE api_key SET revoked_at = COALESCE(revoked_at, $2) WHERE name = $1`, [name, now]);
  return findKeyByName(db, name);
}

/**
 * Makes the named key an ADMIN key with this hash. Re-running with the same secret changes
 * nothing (so a revoked bootstrap key stays revoked across restarts); a new secret replaces the
 * old one and is active, which is how the bootstrap key is rotated.
 */
export async function upsertBootstrapKey(db: Db, name: string, keyHash: Buffer, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO api_key (name, role, key_hash, created_at) VALUES ($1, 'ADMIN', $2, $3)
     ON CONFLICT (name) DO UPDATE SET key_hash = EXCLUDED.key_hash, role = 'ADMIN', revoked_at = NULL,
       created_at = EXCLUDED.created_at, last_used_at = NULL
       WHERE api_key.key_hash <> EXCLUDED.key_hash`,
    [name, keyHash, now],
  );
}
