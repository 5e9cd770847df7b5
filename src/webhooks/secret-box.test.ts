import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { KEY_FILE_NAME, keyFromDataDir, SecretBox, withEmbeddedWebhookKey } from './secret-box';

describe('SecretBox', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed)).toBe(secret);
    expect(box.seal(secret)).not.toBe(sealed); // a fresh IV every time
  });

  it('says so when the key is not the one it was sealed with, or the ciphertext was altered', () => {
    const sealed = new SecretBox(randomBytes(32)).seal(secret);
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow('encrypted with a different WEBHOOK_SECRET_KEY');
    const key = randomBytes(32);
    const good = new SecretBox(key).seal(secret);
    const raw = Buffer.from(good.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => new SecretBox(key).open(`v1.${raw.toString('base64url')}`)).toThrow('corrupted');
  });
});

describe('the embedded default key', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'webhook-key-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is generated once into the data directory, readable by its owner only, and read back after', async () => {
    const first = await keyFromDataDir(dir);
    expect(first).toHaveLength(32);
    expect((await stat(join(dir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
    expect(await keyFromDataDir(dir)).toEqual(first);
    expect((await readFile(join(dir, KEY_FILE_NAME), 'utf8')).trim()).toBe(first.toString('base64'));
  });

  it('is used only without DATABASE_URL and without WEBHOOK_SECRET_KEY', async () => {
    expect((await withEmbeddedWebhookKey(loadConfig({ TRACKER_DATA_DIR: dir }))).webhookSecretKey).toHaveLength(32);
    expect((await withEmbeddedWebhookKey(loadConfig({ TRACKER_DATA_DIR: dir, DATABASE_URL: 'postgres://x/y' }))).webhookSecretKey).toBeUndefined();
    const given = randomBytes(32);
    const config = loadConfig({ TRACKER_DATA_DIR: dir, WEBHOOK_SECRET_KEY: given.toString('hex') });
    expect((await withEmbeddedWebhookKey(config)).webhookSecretKey).toEqual(given);
  });
});
