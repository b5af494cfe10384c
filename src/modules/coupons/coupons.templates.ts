// Operator coupon templates: create, edit while a draft, move through draft → active ⇄ paused →
// ended, and list the coupons a template has handed out. Published terms never change, so a
// coupon in a shopper's wallet always means what it meant when it was claimed.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { templateNotFound } from './coupons.errors.ts';
import { iso, pageOf, presentAdminCoupon, presentTemplate, readPageCursor, type TemplateBudget, type TemplateStats } from './coupons.present.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import * as repo from './coupons.repo.ts';
import type { NameSource } from './coupons.wallet.ts';
import { templateProblem, type TemplateInput } from './coupons.rules.ts';
import type { CouponKind, CouponScope, CouponStatus, TemplateStatus, CouponsDb, CouponsPlatform } from './coupons.table.ts';

interface TemplateCreate {
  name: string;
  description?: string;
  /** English texts: a string sets one, null or "" clears it. Not terms: editable after publishing. */
  nameEn?: string | null;
  descriptionEn?: string | null;
  kind: CouponKind;
  discountAmount?: number | null;
  percentBp?: number | null;
  maxDiscountAmount?: number | null;
  minSpendAmount?: number;
  scope: CouponScope;
  scopeIds?: string[];
  validFrom?: string | null;
  validUntil?: string | null;
  validDaysAfterClaim?: number | null;
  perUserLimit?: number;
  totalQuota?: number | null;
  budgetAmount?: number | null;
  claimable?: boolean;
  currency?: string;
}
type TemplatePatch = Partial<TemplateCreate>;

/** Fields that are the published terms: they may change only while the template is a draft. */
const TERMS_FIELDS: (keyof TemplateCreate)[] = ['kind', 'discountAmount', 'percentBp', 'maxDiscountAmount', 'minSpendAmount', 'scope', 'scopeIds', 'validFrom', 'validUntil', 'validDaysAfterClaim', 'currency'];

/** The console's three buttons as campaign-kernel actions: activating a paused coupon resumes it. */
export type StatusAction = 'activate' | 'pause' | 'end';
export const kernelAction = (action: StatusAction, status: TemplateStatus) => (action === 'activate' ? (status === 'paused' ? 'resume' : 'start') : action);

/** Request fields to the rules' input, with defaults and trimmed text. */
function toInput(c: TemplateCreate): TemplateInput {
  const date = (s: string | null | undefined) => (s ? new Date(s) : null);
  return {
    name: c.name.trim(),
    description: (c.description ?? '').trim(),
    kind: c.kind,
    amount: c.discountAmount ?? null,
    percentBp: c.percentBp ?? null,
    maxDiscountAmount: c.maxDiscountAmount ?? null,
    minSpendAmount: c.minSpendAmount ?? 0,
    scope: c.scope,
    scopeIds: [...new Set(c.scopeIds ?? [])],
    validFrom: date(c.validFrom),
    validUntil: date(c.validUntil),
    validDaysAfterClaim: c.validDaysAfterClaim ?? null,
    perUserLimit: c.perUserLimit ?? 1,
    totalQuota: c.totalQuota ?? null,
    budgetAmount: c.budgetAmount ?? null,
    claimable: c.claimable ?? true,
  };
}

/** A stored template as request fields, so a patch can be laid over it and checked as a whole. */
function fromRow(t: repo.TemplateRow, budgetAmount: number | null): TemplateCreate {
  return {
    name: t.name,
    description: t.description,
    nameEn: t.name_en,
    descriptionEn: t.description_en,
    kind: t.kind,
    discountAmount: t.amount,
    percentBp: t.percent_bp,
    maxDiscountAmount: t.max_discount_amount,
    minSpendAmount: t.min_spend_amount,
    scope: t.scope,
    scopeIds: t.scope_ids,
    validFrom: iso(t.valid_from),
    validUntil: iso(t.valid_until),
    validDaysAfterClaim: t.valid_days_after_claim,
    perUserLimit: t.per_user_limit,
    totalQuota: t.total_quota,
    budgetAmount,
    claimable: t.claimable,
    currency: t.currency,
  };
}

/** The template's columns from validated input: one mapping for create and update. */
function templateColumns(input: TemplateInput) {
  return {
    name: input.name,
    description: input.description,
    kind: input.kind,
    amount: input.amount,
    percent_bp: input.percentBp,
    max_discount_amount: input.maxDiscountAmount,
    min_spend_amount: input.minSpendAmount,
    scope: input.scope,
    scope_ids: JSON.stringify(input.scopeIds),
    valid_from: input.validFrom,
    valid_until: input.validUntil,
    valid_days_after_claim: input.validDaysAfterClaim,
    per_user_limit: input.perUserLimit,
    total_quota: input.totalQuota,
    claimable: input.claimable,
  };
}

/** The English columns, trimmed, null when absent or blank. */
const englishColumns = (c: TemplateCreate) => ({ name_en: c.nameEn?.trim() || null, description_en: c.descriptionEn?.trim() || null });

function check(input: TemplateInput) {
  const problem = templateProblem(input);
  if (problem) throw invalid(problem.code, problem.message, { field: problem.field });
}

export function createCouponTemplates(p: CouponsPlatform, campaigns: CampaignsService, people: Pick<NameSource, 'peopleOf'>) {
  const { db, clock } = p;

  /** Templates with their budget and spend from the campaign kernel. */
  async function budgetsOf(ids: string[]) {
    const rows = await campaigns.findMany(db, ids);
    return (id: string): TemplateBudget => {
      const c = rows.get(id);
      return { budgetAmount: c?.budget_amount ?? null, spentAmount: c?.spent_amount ?? 0 };
    };
  }

  async function createTemplate(actorId: string | null, c: TemplateCreate) {
    const input = toInput(c);
    check(input);
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const row = await repo.insertTemplate(trx, {
        id: newId(),
        ...templateColumns(input),
        ...englishColumns(c),
        currency: c.currency ?? 'CNY',
        status: 'draft',
        created_by: actorId,
        created_at: now,
        updated_at: now,
      });
      await campaigns.enrol(trx, { id: row.id, mechanic: 'coupon', name: row.name, startsAt: null, endsAt: null, currency: row.currency, budgetAmount: input.budgetAmount, actorId });
      await recordAudit(trx, now, { actorId, action: 'coupon_template.created', subjectType: 'coupon_template', subjectId: row.id, details: { name: row.name, kind: row.kind } });
      return presentTemplate(row, { budgetAmount: input.budgetAmount, spentAmount: 0 }, new Map());
    });
  }

  async function statsFor(ids: string[]) {
    const rows = await repo.countByStatus(db, ids, clock.now());
    const out = new Map<string, TemplateStats>();
    for (const r of rows) {
      const m = out.get(r.template_id) ?? new Map();
      m.set(r.status, { n: Number(r.n), discount: Number(r.discount) });
      out.set(r.template_id, m);
    }
    return out;
  }

  /** The template's row alone, or COUPONS_TEMPLATE_NOT_FOUND for an unknown or malformed id. */
  async function templateRow(id: string, ex: CouponsDb = db) {
    const t = isUuid(id) ? await repo.findTemplate(ex, id) : undefined;
    if (!t) throw templateNotFound(id);
    return t;
  }

  async function getTemplate(id: string) {
    const t = await templateRow(id);
    return presentTemplate(t, (await budgetsOf([id]))(id), (await statsFor([id])).get(id) ?? new Map());
  }

  async function listTemplates(q: { status?: TemplateStatus; cursor?: string; limit: number }) {
    const rows = await repo.listTemplates(db, { status: q.status, limit: q.limit, after: readPageCursor(q.cursor) });
    const page = pageOf(rows, q.limit);
    const ids = page.items.map((t) => t.id);
    const [stats, budget] = await Promise.all([statsFor(ids), budgetsOf(ids)]);
    return { items: page.items.map((t) => presentTemplate(t, budget(t.id), stats.get(t.id) ?? new Map())), nextCursor: page.nextCursor };
  }

  async function updateTemplate(actorId: string, id: string, patch: TemplatePatch) {
    return db.transaction().execute(async (trx) => {
      const current = await templateRow(id, trx);
      if (current.status === 'ended') throw conflict('COUPONS_TEMPLATE_ENDED', 'An ended coupon cannot change');
      const touched = (Object.keys(patch) as (keyof TemplateCreate)[]).filter((k) => patch[k] !== undefined);
      const terms = touched.filter((k) => TERMS_FIELDS.includes(k));
      // The kernel row is locked first, as every status change locks it, so an edit and a start serialise.
      const kernelRow = terms.length ? await campaigns.assertRulesEditable(trx, id, terms) : await campaigns.find(trx, id);
      const merged: TemplateCreate = { ...fromRow(current, kernelRow?.budget_amount ?? null), ...Object.fromEntries(touched.map((k) => [k, patch[k]])) };
      const input = toInput(merged);
      check(input);
      if (input.totalQuota !== null && input.totalQuota < current.claimed_count) {
        throw conflict('COUPONS_QUOTA_BELOW_CLAIMED', `${current.claimed_count} are already claimed`, { claimed: current.claimed_count });
      }
      // The budget is not a term: it can grow (or shrink down to what was spent) after publishing.
      const kernel = await campaigns.revise(trx, id, { name: input.name, ...(patch.budgetAmount !== undefined ? { budgetAmount: input.budgetAmount } : {}) });
      const now = clock.now();
      const row = await repo.updateTemplate(trx, id, { ...templateColumns(input), ...englishColumns(merged), updated_at: now });
      await recordAudit(trx, now, { actorId, action: 'coupon_template.updated', subjectType: 'coupon_template', subjectId: id, details: { changes: touched } });
      return presentTemplate(row!, { budgetAmount: kernel.budget_amount, spentAmount: kernel.spent_amount }, new Map());
    });
  }

  /** Activate, pause or end through the campaign kernel; coupons.mechanics.ts mirrors the status here. */
  async function setTemplateStatus(actorId: string, id: string, action: StatusAction) {
    const current = await templateRow(id);
    await campaigns.act(actorId, id, kernelAction(action, current.status));
    return getTemplate(id);
  }

  async function listTemplateCoupons(id: string, q: { status?: CouponStatus; cursor?: string; limit: number }) {
    await templateRow(id);
    // One instant for the filter and the statuses shown, so a page never mixes the two sides of an expiry.
    const now = clock.now();
    const rows = await repo.listTemplateCoupons(db, id, { status: q.status, now, limit: q.limit, after: readPageCursor(q.cursor) });
    const page = pageOf(rows, q.limit);
    // Operators see who holds each coupon by name and masked phone, one lookup for the page.
    const holders = await people.peopleOf(db, page.items.map((c) => c.user_id));
    return { items: page.items.map((c) => presentAdminCoupon(c, now, holders.get(c.user_id))), nextCursor: page.nextCursor };
  }

  return { templateRow, createTemplate, getTemplate, listTemplates, updateTemplate, setTemplateStatus, listTemplateCoupons };
}
