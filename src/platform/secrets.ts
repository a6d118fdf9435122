import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { settings } from './schema.js';

/**
 * Keys derived from one instance secret: CONGSO_SECRET when set, otherwise a random one generated on first
 * start and kept in the database, so every process sharing the database agrees on it.
 */
export type Secrets = {
  csrfToken(binding: string): string;
  verifyCsrf(binding: string, token: string): boolean;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
};

function derive(master: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, 'congso', purpose, 32));
}

export function makeSecrets(master: string): Secrets {
  const csrfKey = derive(master, 'csrf');
  const encKey = derive(master, 'encrypt');
  const csrfToken = (binding: string) => createHmac('sha256', csrfKey).update(binding).digest('base64url');
  return {
    csrfToken,
    verifyCsrf(binding, token) {
      const expected = Buffer.from(csrfToken(binding));
      const given = Buffer.from(token);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [v, iv, body, tag] = sealed.split('.');
      if (v !== 'v1' || !iv || !body || !tag) throw new Error('unknown sealed value format');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

export async function loadSecrets(db: Db, configured: string | undefined): Promise<Secrets> {
  if (configured) return makeSecrets(configured);
  await db
    .insert(settings)
    .values({ key: 'instance_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'instance_secret'));
  if (!row) throw new Error('instance secret missing');
  return makeSecrets(row.value);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
