// Personal data at rest: phone numbers, recipient names and address lines are sealed with
// AES-256-GCM under a key derived (HKDF-SHA256) from a key secret, and the key's id travels with
// every value (`v1:<kid>:<iv>:<ciphertext>:<tag>`, base64url), so old values stay readable while a
// new key takes over and `fission pii rotate-key` re-seals them. Look-ups by phone use a blind
// index: an HMAC of the normalised phone under a second key derived from the same secret.
//
// Where the keys come from (loadPiiKeys), like the signing secret: FISSION_PII_KEY, else the file
// named by FISSION_PII_KEY_FILE, else a key generated on first run and kept in settings
// (`platform.piiKeys`). Keys kept in settings are always on the ring too, so data sealed before
// an environment key was set stays readable until rotate-key re-seals it.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { platformTables } from './platform.table.ts';
import type { AnyExecutor } from './tables.ts';

export interface PiiKey {
  /** Short id stored with each sealed value: letters, digits, '-' and '_'. */
  kid: string;
  /** The key secret (at least 32 characters); the cipher and index keys are derived from it. */
  secret: string;
}

export interface PiiKeySource {
  /** FISSION_PII_KEY: `kid:secret` entries separated by commas, the first current; or one bare secret. */
  key: string | undefined;
  /** FISSION_PII_KEY_FILE: a file holding the same, one entry per line. */
  keyFile: string | undefined;
}

const PREFIX = 'v1';
const SETTINGS_KEY = 'platform.piiKeys';
const KID = /^[A-Za-z0-9_-]{1,32}$/;

export class PiiKeyError extends Error {}

interface DerivedKey {
  kid: string;
  cipher: Buffer;
  index: Buffer;
}

function derive(key: PiiKey): DerivedKey {
  const ikm = Buffer.from(key.secret, 'utf8');
  const salt = Buffer.from('fission-pii', 'utf8');
  return {
    kid: key.kid,
    cipher: Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('aes-256-gcm'), 32)),
    index: Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('blind-index'), 32)),
  };
}

export interface PiiCipher {
  /** The id of the key new values are sealed under. */
  readonly currentKid: string;
  /** Seals a value under the current key; null stays null. */
  seal(plain: string): string;
  seal(plain: string | null): string | null;
  /** Opens a sealed value; a value that is not sealed (written before encryption) comes back as is. */
  open(value: string): string;
  open(value: string | null): string | null;
  /** Whether a stored value is sealed under a key other than the current one (or not sealed at all). */
  needsReseal(value: string | null): boolean;
  /** The blind index of a normalised value under the current key (what is stored). */
  index(value: string): string;
  index(value: string | null): string | null;
  /** Its blind index under every key on the ring (a look-up during a rotation matches either). */
  indexes(value: string): string[];
}

export const isSealed = (value: string | null | undefined): value is string => typeof value === 'string' && value.startsWith(`${PREFIX}:`);

/** A cipher over a key ring whose first key is current. */
export function createPiiCipher(keys: readonly PiiKey[]): PiiCipher {
  if (keys.length === 0) throw new PiiKeyError('the PII key ring is empty');
  const ring = new Map<string, DerivedKey>();
  for (const k of keys) {
    if (!KID.test(k.kid)) throw new PiiKeyError(`PII key id "${k.kid}" must be 1-32 letters, digits, '-' or '_'`);
    if (k.secret.length < 32) throw new PiiKeyError(`PII key "${k.kid}" must be at least 32 characters`);
    if (!ring.has(k.kid)) ring.set(k.kid, derive(k));
  }
  const current = ring.get(keys[0].kid)!;
  const b64 = (b: Buffer) => b.toString('base64url');

  function seal(plain: string | null): any {
    if (plain === null) return null;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', current.cipher, iv);
    // The key id is authenticated too: a value cannot be passed off as sealed under another key.
    c.setAAD(Buffer.from(current.kid));
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${PREFIX}:${current.kid}:${b64(iv)}:${b64(ct)}:${b64(c.getAuthTag())}`;
  }

  function open(value: string | null): any {
    if (value === null || !isSealed(value)) return value;
    const parts = value.split(':');
    if (parts.length !== 5) throw new PiiKeyError('a sealed value is malformed');
    const key = ring.get(parts[1]);
    if (!key) throw new PiiKeyError(`no PII key "${parts[1]}" on the ring (was it removed before rotate-key finished?)`);
    const d = createDecipheriv('aes-256-gcm', key.cipher, Buffer.from(parts[2], 'base64url'));
    d.setAAD(Buffer.from(key.kid));
    d.setAuthTag(Buffer.from(parts[4], 'base64url'));
    return Buffer.concat([d.update(Buffer.from(parts[3], 'base64url')), d.final()]).toString('utf8');
  }

  const hmac = (key: DerivedKey, value: string) => `${key.kid}:${createHmac('sha256', key.index).update(value, 'utf8').digest('base64url')}`;

  return {
    currentKid: current.kid,
    seal,
    open,
    needsReseal: (value) => value !== null && (!isSealed(value) || value.split(':')[1] !== current.kid),
    index: ((value: string | null) => (value === null ? null : hmac(current, value))) as PiiCipher['index'],
    indexes: (value) => [...ring.values()].map((k) => hmac(k, value)),
  };
}

/** A fresh random key; its id is the date-less random `k` + 8 hex characters. */
export function generatePiiKey(): PiiKey {
  return { kid: 'k' + randomBytes(4).toString('hex'), secret: randomBytes(32).toString('base64url') };
}

/** `kid:secret` entries (commas or new lines between them); a bare secret gets an id from its hash. */
export function parsePiiKeys(text: string): PiiKey[] {
  const entries = text.split(/[,\n]/).map((e) => e.trim()).filter((e) => e && !e.startsWith('#'));
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    const [kid, secret] = colon > 0 && colon <= 32 && KID.test(entry.slice(0, colon)) ? [entry.slice(0, colon), entry.slice(colon + 1)] : ['e' + createHash('sha256').update(entry).digest('hex').slice(0, 8), entry];
    if (secret.length < 32) throw new PiiKeyError(`PII key "${kid}" must be at least 32 characters`);
    return { kid, secret };
  });
}

async function storedKeys(handle: AnyExecutor): Promise<PiiKey[]> {
  const row = await platformTables.of(handle).selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return row ? (row.value as PiiKey[]) : [];
}

async function storeKeys(handle: AnyExecutor, keys: PiiKey[], now: Date) {
  await platformTables.of(handle).insertInto('settings').values({ key: SETTINGS_KEY, value: JSON.stringify(keys), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(keys), updated_at: now })).execute();
}

function configuredKeys(source: PiiKeySource): PiiKey[] {
  if (source.key) return parsePiiKeys(source.key);
  if (source.keyFile) {
    let text: string;
    try {
      text = readFileSync(source.keyFile, 'utf8');
    } catch (err) {
      throw new PiiKeyError(`FISSION_PII_KEY_FILE ${source.keyFile} cannot be read: ${(err as Error).message}`);
    }
    const keys = parsePiiKeys(text);
    if (keys.length === 0) throw new PiiKeyError(`FISSION_PII_KEY_FILE ${source.keyFile} holds no key`);
    return keys;
  }
  return [];
}

/**
 * The key ring, current key first: the configured keys (environment or file), then the ones kept
 * in settings. With none configured and none kept, one is generated and kept (first run).
 */
export async function loadPiiKeys(handle: AnyExecutor, source: PiiKeySource, now: Date): Promise<PiiKey[]> {
  const configured = configuredKeys(source);
  // An unmigrated database (the OpenAPI dump builds the app without migrating) keeps no keys and
  // holds no sealed values: the configured keys are the whole ring.
  let stored = await storedKeys(handle).catch((err: { code?: string }) => {
    if (configured.length > 0 && err?.code === '42P01') return [];
    throw err;
  });
  if (configured.length === 0 && stored.length === 0) {
    const generated = generatePiiKey();
    await platformTables.of(handle).insertInto('settings').values({ key: SETTINGS_KEY, value: JSON.stringify([generated]), updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing()).execute();
    stored = await storedKeys(handle); // a concurrent first run may have won
  }
  const seen = new Set<string>();
  return [...configured, ...stored].filter((k) => !seen.has(k.kid) && seen.add(k.kid));
}

/**
 * Makes a new current key for rotate-key. With keys configured, the current one is whatever the
 * environment or file names first (rotate by putting the new key first there); without, a new key
 * is generated and put first in settings, the old ones kept for reading until re-sealing is done.
 */
export async function prepareRotation(handle: AnyExecutor, source: PiiKeySource, now: Date): Promise<PiiKey[]> {
  if (configuredKeys(source).length > 0) return loadPiiKeys(handle, source, now);
  const stored = await storedKeys(handle);
  await storeKeys(handle, [generatePiiKey(), ...stored], now);
  return loadPiiKeys(handle, source, now);
}

/** After every value is re-sealed: keys kept in settings other than the current one are dropped. */
export async function forgetOldKeys(handle: AnyExecutor, currentKid: string, now: Date): Promise<number> {
  const stored = await storedKeys(handle);
  const kept = stored.filter((k) => k.kid === currentKid);
  if (kept.length === stored.length) return 0;
  await storeKeys(handle, kept, now);
  return stored.length - kept.length;
}

// ---- Masking for answers read by someone other than the owner ----

/** 13800138000 → 138****8000. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return phone.replace(/.(?=.{2})/g, '*');
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** A person's real name: 张三 → 张*, Alice → A****. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 4)));
}

/** An address line: the first two characters, the rest starred (at most 6 stars). */
export function maskLine(line: string): string {
  const chars = [...line.trim()];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return chars.slice(0, 2).join('') + '*'.repeat(Math.min(chars.length - 2, 6));
}
