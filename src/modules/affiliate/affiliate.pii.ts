// A withdrawal's payout account (a bank card, WeChat Pay or Alipay account) is sealed at rest
// (platform/pii.ts); only its last four characters stay readable for the console. Its part of
// export (opened) and of `fission pii rotate-key` (re-sealed under the new key).
import type { PersonalData } from '../../platform/personal-data.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { affiliateTables, type AffiliateDb, type AffiliateTables } from './affiliate.table.ts';

const BATCH = 500;
const NIL = '00000000-0000-0000-0000-000000000000';

/** Re-seals every payout account not under the current key; keyset pages; returns rows rewritten. */
export async function resealAffiliate(db: AffiliateDb, pii: PiiCipher): Promise<number> {
  let changed = 0;
  let after = NIL;
  for (;;) {
    const rows = await db.selectFrom('affiliate_withdrawals').select(['id', 'payout_account']).where('id', '>', after).where('payout_account', 'is not', null).orderBy('id').limit(BATCH).execute();
    for (const w of rows) {
      if (!pii.needsReseal(w.payout_account!)) continue;
      await db.updateTable('affiliate_withdrawals').set({ payout_account: pii.seal(pii.open(w.payout_account!)) }).where('id', '=', w.id).execute();
      changed++;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  return changed;
}

/** Rows about a person, for export and erasure: `keep` is a record the law or the books need. */
export function affiliatePersonalData(pii: PiiCipher): PersonalData<AffiliateTables> {
  return {
    tables: {
      affiliate_promoters: { columns: ['user_id'], erase: 'keep' },
      promoter_bindings: { columns: ['customer_id', 'promoter_id'], erase: 'delete' },
      affiliate_commissions: { columns: ['buyer_id', 'promoter_id'], erase: 'keep' },
      affiliate_withdrawals: { columns: ['promoter_id'], erase: 'keep' },
      affiliate_ledger: { columns: ['promoter_id'], erase: 'keep' },
    },
    open: (table, row) => (table === 'affiliate_withdrawals' && typeof row.payout_account === 'string' ? { ...row, payout_account: pii.open(row.payout_account) } : row),
    reseal: (handle, cipher) => resealAffiliate(affiliateTables.of(handle), cipher),
  };
}
