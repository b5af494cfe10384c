import { sql, type Kysely } from 'kysely';
import { createCommitTrigger, type NamedMigration } from '../../platform/migrations.ts';

export const campaignsMigrations: NamedMigration[] = [
  {
    name: '0250_campaign_kernel',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('mechanic', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'timestamptz')
        .addColumn('ends_at', 'timestamptz')
        .addColumn('currency', 'text', (c) => c.notNull().defaultTo('CNY'))
        .addColumn('budget_amount', 'bigint')
        .addColumn('spent_amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('budget_exhausted_at', 'timestamptz')
        .addColumn('rules_locked_at', 'timestamptz')
        .addColumn('live_at', 'timestamptz')
        .addColumn('ended_at', 'timestamptz')
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        // The database itself refuses overspending, whatever the code path.
        .addCheckConstraint('campaigns_within_budget', sql`budget_amount is null or spent_amount <= budget_amount`)
        .execute();
      await db.schema.createIndex('campaigns_mechanic_status').on('campaigns').columns(['mechanic', 'status', 'created_at']).execute();
      await db.schema
        .createTable('campaign_ledger')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('order_id', 'uuid')
        .addColumn('user_id', 'uuid')
        .addColumn('note', 'text')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('campaign_ledger_ref', ['campaign_id', 'ref'])
        .execute();
      await db.schema.createIndex('campaign_ledger_order').on('campaign_ledger').column('order_id').where(sql.ref('order_id'), 'is not', null).execute();
      await db.schema.createIndex('campaign_ledger_at').on('campaign_ledger').columns(['campaign_id', 'at']).execute();
      await backfill(db);
      // Backfilled campaigns that are waiting or running get the start and end jobs a start books.
      await sql`insert into jobs (kind, payload, run_at, dedupe_key, created_at)
        select 'campaigns.go_live', jsonb_build_object('id', id), starts_at, 'campaigns.go_live:' || id, now()
        from campaigns where status = 'scheduled' and starts_at is not null
        on conflict (dedupe_key) do nothing`.execute(db);
      await sql`insert into jobs (kind, payload, run_at, dedupe_key, created_at)
        select 'campaigns.end', jsonb_build_object('id', id), ends_at, 'campaigns.end:' || id, now()
        from campaigns where status in ('scheduled', 'live', 'paused') and ends_at is not null
        on conflict (dedupe_key) do nothing`.execute(db);
    },
  },
  {
    // 包邮 per campaign: the advertised price is then the price paid (到手价).
    name: '0400_campaigns_free_shipping',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('campaigns').addColumn('free_shipping', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
    },
  },
  {
    // An order's campaign spend is taken from the budget when its transaction commits (a deferred
    // trigger): the campaign row is hot (every order of a busy campaign updates it), and an update
    // mid-transaction holds its lock across the Node round trips that follow, each an event-loop
    // turn under load. At commit the lock lasts for the commit alone. Over budget, the commit fails
    // with SQLSTATE P0001 and CAMPAIGN_BUDGET_EXHAUSTED as the message (budgetRefusal maps it).
    name: '0641_campaigns_budget_at_commit',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('campaign_ledger').addColumn('budget_at_commit', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
      await createCommitTrigger(db, {
        table: 'campaign_ledger',
        when: 'budget_at_commit',
        fn: 'campaigns_take_budget_at_commit',
        declare: 'taken integer;',
        body: `
          update campaigns set spent_amount = spent_amount + new.amount
            where id = new.campaign_id and (budget_amount is null or spent_amount + new.amount <= budget_amount);
          get diagnostics taken = row_count;
          if taken = 0 then
            raise exception using errcode = 'P0001', message = 'CAMPAIGN_BUDGET_EXHAUSTED', detail = new.campaign_id::text;
          end if;`,
      });
    },
  },
];

// Campaigns created before the kernel existed join it with the status their mechanic recorded
// ('active' is the kernel's 'live'); a flash slot's status was derived from its publish and stop
// stamps and its window.
async function backfill(db: Kysely<any>) {
  const status = (col: string) => sql.raw(`case ${col} when 'active' then 'live' else ${col} end`);
  // [table, mechanic, currency, created_by]
  const simple: [string, string, string, string][] = [
    ['groupbuy_campaigns', 'groupbuy', 'currency', 'created_by'],
    ['bargain_campaigns', 'bargain', 'currency', 'null'],
    ['lottery_draws', 'lottery', `'CNY'`, 'null'],
    ['referral_campaigns', 'referral', `'CNY'`, 'null'],
  ];
  for (const [table, mechanic, currency, createdBy] of simple) {
    await sql`insert into campaigns (id, mechanic, name, status, starts_at, ends_at, currency, rules_locked_at, live_at, created_by, created_at, updated_at)
      select id, ${mechanic}, name, ${status('status')}, starts_at, ends_at, ${sql.raw(currency)},
        case when status = 'draft' then null else updated_at end, case when status = 'active' then updated_at else null end,
        ${sql.raw(createdBy)}, created_at, updated_at
      from ${sql.table(table)}`.execute(db);
  }
  // Coupon templates and packs have no campaign window (their dates are the coupons' validity);
  // templates had their own budget columns, which the kernel takes over (coupons 0251 drops them)
  // with an opening ledger entry so the ledger sums to what was spent.
  for (const [table, mechanic, budget, spent] of [['coupon_templates', 'coupon', 'budget_amount', 'budget_used_amount'], ['coupon_packs', 'coupon_pack', 'null', '0']]) {
    await sql`insert into campaigns (id, mechanic, name, status, currency, budget_amount, spent_amount, rules_locked_at, live_at, created_by, created_at, updated_at)
      select id, ${mechanic}, name, ${status('status')}, ${sql.raw(table === 'coupon_templates' ? 'currency' : `'CNY'`)}, ${sql.raw(budget)}, ${sql.raw(spent)},
        case when status = 'draft' then null else updated_at end, case when status = 'active' then updated_at else null end,
        created_by, created_at, updated_at
      from ${sql.table(table)}`.execute(db);
  }
  await sql`insert into campaign_ledger (campaign_id, kind, amount, ref, note, at)
    select id, 'coupon', budget_used_amount, 'opening-balance', 'spent before the campaign kernel', updated_at
    from coupon_templates where budget_used_amount > 0`.execute(db);
  await sql`insert into campaigns (id, mechanic, name, status, starts_at, ends_at, currency, rules_locked_at, live_at, ended_at, created_by, created_at, updated_at)
    select id, 'flashsale', name,
      case when published_at is null then 'draft' when stopped_at is not null or ends_at <= now() then 'ended' when starts_at > now() then 'scheduled' else 'live' end,
      starts_at, ends_at, 'CNY', published_at, case when published_at is not null and starts_at <= now() then starts_at else null end, stopped_at,
      created_by, created_at, updated_at
    from flashsale_slots`.execute(db);
}
