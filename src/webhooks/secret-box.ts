import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config';

/**
 * Webhook secrets at rest: AES-256-GCM under WEBHOOK_SECRET_KEY, a key the database never holds,
 * so a copy of the database (a backup, a replica, a dump) cannot sign deliveries. Signing needs the
 * secret itself (HMAC), so a hash would not do, as it does for API keys.
 *
 * Stored form: "v1." + base64url(key id (4 bytes) | IV (12) | tag (16) | ciphertext). The key id,
 * a digest of the key, tells "encrypted under another key" apart from "corrupted".
 */
const VERSION = 'v1.';
const AAD = Buffer.from('follow-through-tracker:webhook-secret');

export class SecretBox {
  private readonly keyId: Buffer;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the webhook secret key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest().subarray(0, 4);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(AAD);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([this.keyId, iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The secret; throws a message fit for lastError (it names no secret) if it cannot be opened. */
  open(stored: string): string {
    if (!stored.startsWith(VERSION)) throw new Error('the stored webhook secret is in an unknown format');
    const raw = Buffer.from(stored.slice(VERSION.length), 'base64url');
    if (!raw.subarray(0, 4).equals(this.keyId)) {
      throw new Error('the webhook secret was encrypted with a different WEBHOOK_SECRET_KEY than this server has');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(4, 16)).setAAD(AAD);
      decipher.setAuthTag(raw.subarray(16, 32));
      return Buffer.concat([decipher.update(raw.subarray(32)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('the stored webhook secret is corrupted (it fails its authentication tag)');
    }
  }
}

/** How to give a server a key, for the message that refuses createWebhook without one. */
export const HOW_TO_SET_A_KEY =
  'Webhooks need WEBHOOK_SECRET_KEY, the key their secrets are encrypted with: set it to 32 random bytes in base64 ' +
  '(e.g. `openssl rand -base64 32`), the same on every server, and keep it out of the database and its backups';

export const KEY_FILE_NAME = 'webhook-secret.key';

/**
 * The embedded default (no DATABASE_URL): a key generated once into the data directory, next to the
 * database it protects, readable by this user only (0600). Read back on every later start.
 */
export async function keyFromDataDir(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, KEY_FILE_NAME);
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(path, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  await chmod(path, 0o600);
  const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key; delete it only if no webhook exists yet`);
  return key;
}

/** The configuration with the embedded default's key filled in when WEBHOOK_SECRET_KEY is unset. */
export async function withEmbeddedWebhookKey(config: Config): Promise<Config> {
  if (config.webhookSecretKey || config.databaseUrl) return config;
  return { ...config, webhookSecretKey: await keyFromDataDir(config.dataDir) };
}
