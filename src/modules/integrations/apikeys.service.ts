// API keys for integrators: created by an operator with scopes, shown once, stored as a hash,
// revocable, optionally expiring. A key acts as its creator with the operator role, narrowed to
// its scopes (src/platform/scopes.ts refuses every route outside them).
//
// Who manages keys: any operator creates keys for themselves and lists and revokes their own;
// an admin lists and revokes everyone's (someone leaving must not leave live keys behind).
// Keys cannot manage keys: the api-keys routes declare no scope, so an API key never reaches them.
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { AuthUser, Role } from '../../platform/auth.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { newId, sha256 } from '../../platform/ids.ts';
import { API_KEY_SCOPES, type Scope } from '../../platform/scopes.ts';
import * as repo from './apikeys.repo.ts';
import type { ApiKeysTable, IntegrationsPlatform } from './integrations.table.ts';

export const API_KEY_PREFIX = 'fsk_';
/** last_used_at is written at most this often per key, to keep authenticated hot paths cheap. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * `fsk_` + 32 random bytes. Stored as plain sha256, not argon2: a password needs a slow hash
 * because people pick guessable ones, but a 256-bit random key cannot be guessed or found in a
 * dictionary, so a fast hash is as safe and costs nothing on every API request.
 */
export const newApiKey = (): string => API_KEY_PREFIX + randomBytes(32).toString('base64url');

export const isApiKeyToken = (token: string): boolean => token.startsWith(API_KEY_PREFIX) && token.length <= 100;

export function presentApiKey(k: Selectable<ApiKeysTable>, now: Date) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdBy: k.created_by,
    createdAt: k.created_at.toISOString(),
    expiresAt: k.expires_at?.toISOString() ?? null,
    revokedAt: k.revoked_at?.toISOString() ?? null,
    lastUsedAt: k.last_used_at?.toISOString() ?? null,
    status: k.revoked_at ? ('revoked' as const) : k.expires_at && k.expires_at <= now ? ('expired' as const) : ('active' as const),
  };
}

export interface ApiKeysDeps {
  /** The creator's current roles, or null when the account is gone or disabled. */
  creatorRoles(userId: string): Promise<Role[] | null>;
}

export interface Actor {
  id: string;
  roles: Role[];
}

const isAdmin = (actor: Actor) => actor.roles.includes('admin');
const KNOWN_SCOPES = new Set<string>(API_KEY_SCOPES);

export function createApiKeysService(platform: IntegrationsPlatform, deps: ApiKeysDeps) {
  const { db, clock } = platform;

  async function list(actor: Actor) {
    const now = clock.now();
    return { items: (await repo.findApiKeys(db, isAdmin(actor) ? undefined : actor.id)).map((k) => presentApiKey(k, now)) };
  }

  async function create(actor: Actor, input: { name: string; scopes: string[]; expiresAt?: string | null }) {
    const now = clock.now();
    const name = input.name.trim();
    if (!name) throw invalid('API_KEYS_NAME_REQUIRED', 'Give the key a name', { field: 'name' });
    const unknown = input.scopes.filter((s) => !KNOWN_SCOPES.has(s));
    if (unknown.length) throw invalid('API_KEYS_SCOPE_UNKNOWN', `Unknown scope: ${unknown.join(', ')}`, { unknown, known: API_KEY_SCOPES });
    if (!input.scopes.length) throw invalid('API_KEYS_SCOPES_REQUIRED', 'Choose at least one scope', { field: 'scopes' });
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && !(expiresAt > now)) throw invalid('API_KEYS_EXPIRY_IN_PAST', 'The expiry must be in the future', { field: 'expiresAt' });
    const key = newApiKey();
    const scopes = [...new Set(input.scopes)] as Scope[];
    const row = await db.transaction().execute(async (trx) => {
      const created = await repo.insertApiKey(trx, {
        id: newId(), name, prefix: key.slice(0, API_KEY_PREFIX.length + 6), key_hash: sha256(key), scopes: JSON.stringify(scopes),
        created_by: actor.id, created_at: now, expires_at: expiresAt, revoked_at: null, revoked_by: null, last_used_at: null,
      });
      await recordAudit(trx, now, { actorId: actor.id, action: 'api_key.created', subjectType: 'api_key', subjectId: created.id, details: { name, scopes, expiresAt: expiresAt?.toISOString() ?? null } });
      return created;
    });
    // The only time the key leaves the server.
    return { apiKey: presentApiKey(row, now), key };
  }

  /** Idempotent: revoking a revoked key returns it unchanged. Someone else's key reads as missing. */
  async function revoke(actor: Actor, id: string) {
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const current = await repo.findApiKey(trx, id);
      if (!current || (!isAdmin(actor) && current.created_by !== actor.id)) throw notFound('API_KEYS_NOT_FOUND', 'No such API key', { id });
      const revoked = await repo.revokeApiKey(trx, id, actor.id, now);
      if (!revoked) return current;
      await recordAudit(trx, now, { actorId: actor.id, action: 'api_key.revoked', subjectType: 'api_key', subjectId: id, details: { name: current.name } });
      return revoked;
    });
    return presentApiKey(row, now);
  }

  /**
   * `Bearer fsk_…` → the key's creator as an operator limited to the key's scopes, or null when
   * the key is unknown, revoked, expired, or its creator is no longer an active operator.
   */
  async function resolveApiKey(token: string): Promise<AuthUser | null> {
    if (!isApiKeyToken(token)) return null;
    const row = await repo.findApiKeyByHash(db, sha256(token));
    const now = clock.now();
    if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
    const roles = await deps.creatorRoles(row.created_by);
    if (!roles || !(roles.includes('operator') || roles.includes('admin'))) return null;
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
      await repo.touchApiKey(db, row.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
    }
    return { id: row.created_by, roles: ['operator'], via: 'api_key', scopes: row.scopes, sessionId: row.id };
  }

  return { list, create, revoke, resolveApiKey };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
