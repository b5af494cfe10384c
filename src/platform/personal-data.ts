// Where each module says which of its own tables hold rows about a person, so the privacy module
// can export everything held about a shopper and erase it without knowing anyone's tables. A
// module declares `personalData` beside its jobs and consumers (platform/module.ts); services.ts
// registers the declarations here with the module's own table set, and the export and erasure
// run each module's part through that set: no module reads another's tables.
import type { Selectable } from 'kysely';
import { SECRET_KEYS } from './log-safety.ts';
import type { AnyExecutor, TableSet } from './tables.ts';
import type { PlatformTables } from './platform.table.ts';
import type { PiiCipher } from './pii.ts';
import { resealOutbox } from './messages.ts';

/**
 * On erasure, `delete` removes the rows; `keep` keeps them because the law requires the record
 * (orders, payments, ledgers, commissions): they stay pointing at the account, which is
 * anonymised, so the person is detached from them.
 */
export type ErasePolicy = 'delete' | 'keep';

export interface PersonalDataTable {
  /** The columns naming the person a row is about; a row matches when any of them is the user. */
  columns: readonly string[];
  erase: ErasePolicy;
}

export interface PersonalData<T = any> {
  tables: { [K in keyof T & string]?: PersonalDataTable };
  /** Opens sealed values of a row for the export (platform/pii.ts); rows pass unchanged without it. */
  open?(table: keyof T & string, row: Record<string, unknown>): Record<string, unknown>;
  /**
   * Scrubbing beyond the declared policies, in the erasure's transaction, before the deletes: the
   * address snapshot on a kept order, the account row itself.
   */
  erase?(trx: AnyExecutor, userId: string): Promise<void>;
  /** Re-seals the module's sealed values under the cipher's current key (`fission pii rotate-key`); returns rows rewritten. */
  reseal?(handle: AnyExecutor, pii: PiiCipher): Promise<number>;
}

export interface PersonalDataSource {
  module: string;
  tables: TableSet<any>;
  data: PersonalData;
}

/** Columns that never leave in an export: credentials, secrets, token and code hashes, blind indexes. */
const SECRET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));
const secretColumn = (k: string) => SECRET.has(k.toLowerCase()) || /secret|password|_hash$|_index$/i.test(k);
const exportable = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => !secretColumn(k)));

export interface ErasureReport {
  deleted: Record<string, number>;
  kept: Record<string, number>;
}

export class PersonalDataRegistry {
  private readonly sources: PersonalDataSource[] = [];

  register(module: string, tables: TableSet<any>, data: PersonalData): void {
    for (const table of Object.keys(data.tables)) {
      if (!tables.names.includes(table)) throw new Error(`module ${module} declares personal data in ${table}, which is not one of its tables`);
    }
    this.sources.push({ module, tables, data });
  }

  list(): readonly PersonalDataSource[] {
    return this.sources;
  }

  /** Every declared table's rows about the user, by module then table (secrets left out, sealed values opened). */
  async exportFor(trx: AnyExecutor, userId: string): Promise<Record<string, Record<string, Record<string, unknown>[]>>> {
    const out: Record<string, Record<string, Record<string, unknown>[]>> = {};
    for (const s of this.sources) {
      const db = s.tables.of(trx);
      const tables: Record<string, Record<string, unknown>[]> = {};
      for (const [table, spec] of Object.entries(s.data.tables) as [string, PersonalDataTable][]) {
        const rows: Selectable<any>[] = await db.selectFrom(table).selectAll().where((eb: any) => eb.or(spec.columns.map((c) => eb(c, '=', userId)))).execute();
        tables[table] = rows.map((r) => exportable(s.data.open ? s.data.open(table, r) : r));
      }
      out[s.module] = tables;
    }
    return out;
  }

  /** Runs each module's scrubbing, then deletes the `delete` tables' rows; counts what was kept. */
  async eraseFor(trx: AnyExecutor, userId: string): Promise<ErasureReport> {
    const report: ErasureReport = { deleted: {}, kept: {} };
    // The account itself goes last: other modules' rows may still point at it while they scrub.
    const ordered = [...this.sources].sort((a, b) => Number(a.module === 'identity') - Number(b.module === 'identity'));
    for (const s of ordered) {
      const db = s.tables.of(trx);
      await s.data.erase?.(trx, userId);
      for (const [table, spec] of Object.entries(s.data.tables) as [string, PersonalDataTable][]) {
        const match = (eb: any) => eb.or(spec.columns.map((c) => eb(c, '=', userId)));
        if (spec.erase === 'delete') {
          const res = await db.deleteFrom(table).where(match).executeTakeFirst();
          report.deleted[table] = Number(res.numDeletedRows);
        } else {
          const row = await db.selectFrom(table).select((eb: any) => eb.fn.countAll().as('n')).where(match).executeTakeFirstOrThrow();
          report.kept[table] = Number((row as { n: unknown }).n);
        }
      }
    }
    return report;
  }
}

/**
 * The platform's own tables: messages sent to the person (deleted on erasure; the recipient's
 * phone opened for the export and re-sealed on rotation) and the audit trail of what operators
 * did to or as them (kept: accountability records).
 */
export function platformPersonalData(pii: PiiCipher): PersonalData<PlatformTables> {
  return {
    tables: {
      message_outbox: { columns: ['to_user_id'], erase: 'delete' },
      audit_log: { columns: ['actor_id', 'subject_id'], erase: 'keep' },
    },
    open: (table, row) => (table === 'message_outbox' ? { ...row, to_phone: pii.open(row.to_phone as string | null) } : row),
    reseal: (handle, cipher) => resealOutbox(handle, cipher),
  };
}
