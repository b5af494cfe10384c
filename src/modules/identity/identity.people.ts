// People cards for other modules' operator lists (promoters, withdrawals, shares, cascades): a
// display name with a masked phone per account (never the full phone: that takes an audited
// reveal), and which of a given set of accounts match a search by name, email or whole phone
// number. Bulk by design, so a list of 50 rows costs one query, not 50.
import { identityTables, type IdentityPlatform } from './identity.table.ts';
import { maskPhone, normalisePhone } from './identity.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export interface PersonCard {
  id: string;
  displayName: string;
  /** 138****8000, or null when the account has no phone. */
  phone: string | null;
  email: string | null;
}

const CHUNK = 1000;
const escapeLike = (q: string) => q.replace(/[%_\\]/g, (c) => '\\' + c);

export function createPeopleCards(p: IdentityPlatform) {
  const { pii } = p;

  /** Name, masked phone and email of each account that exists; missing ids are left out of the map. */
  async function peopleOf(handle: AnyExecutor, userIds: readonly string[]): Promise<Map<string, PersonCard>> {
    const executor = identityTables.of(handle);
    const unique = [...new Set(userIds)];
    const out = new Map<string, PersonCard>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await executor.selectFrom('users').select(['id', 'display_name', 'phone', 'email']).where('id', 'in', unique.slice(i, i + CHUNK)).execute();
      for (const r of rows) {
        const phone = pii.open(r.phone);
        out.set(r.id, { id: r.id, displayName: r.display_name, phone: phone ? maskPhone(phone) : null, email: r.email });
      }
    }
    return out;
  }

  /**
   * The ids among `userIds` whose name or email contains `q`, or whose phone is `q` as a whole
   * number (phones are sealed: a fragment of one cannot be matched, only its blind index).
   */
  async function matchingPeople(handle: AnyExecutor, userIds: readonly string[], q: string): Promise<Set<string>> {
    const executor = identityTables.of(handle);
    const unique = [...new Set(userIds)];
    const like = `%${escapeLike(q.trim())}%`;
    const phone = normalisePhone(q.trim());
    const out = new Set<string>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await executor
        .selectFrom('users')
        .select('id')
        .where('id', 'in', unique.slice(i, i + CHUNK))
        .where((eb) => eb.or([eb('display_name', 'ilike', like), eb('email', 'ilike', like), ...(phone ? [eb('phone_index', 'in', pii.indexes(phone))] : [])]))
        .execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  }

  return { peopleOf, matchingPeople };
}

/** What identity answers other modules' operator lists with (identity.people.ts). */
export type PeopleCards = ReturnType<typeof createPeopleCards>;
