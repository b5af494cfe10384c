// Demand forecast and supply alerts: a recompute reads the daily paid units per SKU from the
// orders service, the campaigns that ran or are planned from the kernel, fits the forecast
// (supply.forecast.ts), plans stock per SKU from the inventory service (supply.rules.ts) and
// replaces the derived tables in one transaction. The console and the pre-campaign check read
// those tables; the daily job and POST /admin/supply/recompute refresh them.
import { performance } from 'node:perf_hooks';
import { recordAudit } from '../../platform/audit.ts';
import { chinaDate, chinaDayStart, DAY_MS } from '../../platform/clock.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { InventoryService } from '../inventory/index.ts';
import type { OrdersService } from '../orders/index.ts';
import { calendarKeys, daysBetween, shiftDay } from './supply.calendar.ts';
import { backtest, fitStore, forecastSku, multiplierOf, type BacktestReport, type StoreHistory } from './supply.forecast.ts';
import * as repo from './supply.repo.ts';
import { DEFAULT_SETTINGS, FORECAST_DAYS, planStock, settingsProblem, type SupplySettings } from './supply.rules.ts';
import type { SupplyPlatform, SupplySkuStatusTable } from './supply.table.ts';
import type { Insertable } from 'kysely';

export const RECOMPUTE_JOB = 'supply.recompute';
/** Days of paid orders the model learns from. */
export const HISTORY_DAYS = 120;
/** Backtest shape: 28 rolling origins, each forecasting the next 7 days. */
export const BACKTEST = { origins: 28, horizon: 7 } as const;
const ORDER_PAGE = 500;
const CAMPAIGN_PAGE = 200;

export interface SupplyDeps {
  orders: Pick<OrdersService, 'list'>;
  inventory: Pick<InventoryService, 'getAvailability'>;
  catalog: Pick<CatalogService, 'describeSkus'>;
  campaigns: Pick<CampaignsService, 'list'>;
  /** The SKUs a campaign sells, from its mechanic's own service ([] for a mechanic that sells none). */
  skusOfCampaign(mechanic: string, campaignId: string): Promise<string[]>;
}

/** A campaign's days, as the forecast sees them. */
export interface CampaignSpan {
  id: string;
  mechanic: string;
  status: string;
  from: string;
  to: string;
}

export function createSupplyService(p: SupplyPlatform, deps: SupplyDeps) {
  const { db, clock } = p;

  /** Units paid per SKU and China day in [from, to], net of units refunded since. */
  async function readSales(from: string, to: string): Promise<Map<string, Map<string, number>>> {
    const sales = new Map<string, Map<string, number>>();
    const earliest = chinaDayStart(shiftDay(from, -1));
    let cursor: string | undefined;
    // Newest placed first: paging stops at the first page that reaches before the window.
    for (;;) {
      const page = await deps.orders.list({ limit: ORDER_PAGE, ...(cursor ? { cursor } : {}) });
      for (const o of page.items) {
        if (!o.paidAt) continue;
        const day = chinaDate(new Date(o.paidAt));
        if (day < from || day > to) continue;
        for (const l of o.lines) {
          const units = l.quantity - l.refundedQuantity;
          if (units <= 0) continue;
          const bySku = sales.get(l.skuId) ?? new Map<string, number>();
          bySku.set(day, (bySku.get(day) ?? 0) + units);
          sales.set(l.skuId, bySku);
        }
      }
      const last = page.items.at(-1);
      if (!page.nextCursor || !last || new Date(last.placedAt) < earliest) break;
      cursor = page.nextCursor;
    }
    return sales;
  }

  /** Every campaign that ran, runs or is planned, with the days it covers (drafts never ran). */
  async function readCampaigns(today: string): Promise<CampaignSpan[]> {
    const spans: CampaignSpan[] = [];
    let before: { createdAt: string; id: string } | undefined;
    for (;;) {
      const rows = await deps.campaigns.list({ limit: CAMPAIGN_PAGE, ...(before ? { before } : {}) });
      for (const c of rows) {
        if (c.status === 'draft') continue;
        const start = c.live_at ?? c.starts_at;
        if (!start) continue;
        const end = c.ended_at ?? c.ends_at;
        spans.push({ id: c.id, mechanic: c.mechanic, status: c.status, from: chinaDate(start), to: end ? chinaDate(end) : shiftDay(today, FORECAST_DAYS) });
      }
      if (rows.length < CAMPAIGN_PAGE) break;
      const last = rows[rows.length - 1];
      before = { createdAt: last.created_at.toISOString(), id: last.id };
    }
    return spans;
  }

  /** The SKUs of each campaign: remembered ones, then the mechanic's service for the rest (remembered from then on). */
  async function skusOf(spans: readonly { id: string; mechanic: string }[]): Promise<Map<string, string[]>> {
    const known = new Map<string, string[]>();
    for (const r of await repo.findCampaignSkus(db, spans.map((s) => s.id))) known.set(r.campaign_id, [...(known.get(r.campaign_id) ?? []), r.sku_id]);
    for (const s of spans) {
      if (known.has(s.id)) continue;
      const skus = await deps.skusOfCampaign(s.mechanic, s.id);
      known.set(s.id, skus);
      await repo.insertCampaignSkus(db, skus.map((sku_id) => ({ campaign_id: s.id, sku_id, mechanic: s.mechanic })));
    }
    return known;
  }

  /** Learn a campaign's SKUs from its mechanic's event (in the event's transaction). */
  async function rememberCampaignSkus(handle: Parameters<typeof repo.replaceCampaignSkus>[0], campaignId: string, mechanic: string, skuIds: readonly string[]) {
    await repo.replaceCampaignSkus(handle, campaignId, mechanic, [...new Set(skuIds)]);
  }

  async function settingsFor(skuIds: readonly string[]): Promise<{ defaults: SupplySettings; bySku: Map<string, SupplySettings> }> {
    const rows = await repo.findSettings(db, ['default', ...skuIds]);
    const of = (r: (typeof rows)[number]): SupplySettings => ({ leadTimeDays: r.lead_time_days, serviceLevel: r.service_level, coverDays: r.cover_days });
    const d = rows.find((r) => r.scope === 'default');
    const defaults = d ? of(d) : DEFAULT_SETTINGS;
    return { defaults, bySku: new Map(rows.filter((r) => r.scope !== 'default').map((r) => [r.scope, of(r)])) };
  }

  /** The store's history as the model sees it, with the calendar and the campaigns on each SKU's days. */
  async function storeHistory(today: string) {
    const from = shiftDay(today, -HISTORY_DAYS);
    const to = shiftDay(today, -1);
    const [sales, spans, allSettings] = await Promise.all([readSales(from, to), readCampaigns(today), repo.findAllSettings(db)]);
    const skusByCampaign = await skusOf(spans);
    const spansBySku = new Map<string, CampaignSpan[]>();
    for (const s of spans) for (const sku of skusByCampaign.get(s.id) ?? []) spansBySku.set(sku, [...(spansBySku.get(sku) ?? []), s]);
    const skuIds = [...new Set([...sales.keys(), ...allSettings.map((r) => r.scope).filter(isUuid)])].sort();
    // The history starts at the store's first sale: days before it are a store not yet open, not days without demand.
    const firstSale = [...sales.values()].flatMap((bySku) => [...bySku.keys()]).sort()[0];
    const start = firstSale && firstSale > from ? firstSale : from;
    const n = daysBetween(start, today);
    const history: StoreHistory = {
      start,
      skus: skuIds.map((skuId) => ({ skuId, units: Array.from({ length: n }, (_, i) => sales.get(skuId)?.get(shiftDay(start, i)) ?? 0) })),
      // '' asks for the calendar only (the store's week is learnt on ordinary days).
      keysOf: (skuId, day) => [...calendarKeys(day), ...(spansBySku.get(skuId) ?? []).filter((s) => s.from <= day && day <= s.to).map((s) => `campaign:${s.mechanic}`)],
    };
    return { history, from: start, to, spansBySku };
  }

  /** Refit every SKU, plan its stock, and replace the derived tables; with `withBacktest`, also the backtest report. */
  async function recompute(trigger: 'job' | 'operator' | 'cli', opts: { withBacktest: boolean }) {
    const started = performance.now(); // a duration (operational), not business time
    const now = clock.now();
    const today = chinaDate(now);
    const { history, from, to } = await storeHistory(today);
    const model = fitStore(history);
    const skuIds = history.skus.map((s) => s.skuId);
    const [levels, settings] = await Promise.all([deps.inventory.getAvailability(db, skuIds), settingsFor(skuIds)]);
    const forecasts: { sku_id: string; day: string; mean: number; lo: number; hi: number }[] = [];
    const status: Insertable<SupplySkuStatusTable>[] = [];
    for (const s of history.skus) {
      const m = model.models.get(s.skuId)!;
      const f = forecastSku(m, FORECAST_DAYS, (day) => multiplierOf(model.effects, history.keysOf(s.skuId, day)), model.scaleAt);
      for (const d of f) forecasts.push({ sku_id: s.skuId, day: d.day, mean: round2(d.mean), lo: round2(d.lo), hi: round2(d.hi) });
      const set = settings.bySku.get(s.skuId) ?? settings.defaults;
      const available = Math.max(0, levels.get(s.skuId)?.available ?? 0);
      const plan = planStock({ available, today, daily: f.map((d) => d.mean), sigmaDaily: m.sigma, settings: set });
      status.push({
        sku_id: s.skuId, available, daily_forecast: round2(f[0]?.mean ?? 0), sigma: round2(m.sigma), lead_time_days: set.leadTimeDays, service_level: set.serviceLevel,
        safety_stock: round2(plan.safetyStock), reorder_point: round2(plan.reorderPoint), stockout_day: plan.stockOutDay, suggested_order: plan.suggestedOrder,
        alerts: JSON.stringify(plan.alerts), history_units: m.units, computed_at: now,
      });
    }
    const report: BacktestReport | null = opts.withBacktest ? backtest(history, BACKTEST) : null;
    const units = history.skus.flatMap((s) => s.units.flatMap((u, i) => (u > 0 ? [{ sku_id: s.skuId, day: shiftDay(from, i), units: u }] : [])));
    const run = {
      id: newId(), computed_at: now, trigger, history_from: from, history_to: to, skus: skuIds.length, took_ms: Math.round(performance.now() - started),
      effects: JSON.stringify([...model.effects.values()]), season: JSON.stringify(model.season), backtest: report ? JSON.stringify(report) : null,
    };
    await db.transaction().execute(async (trx) => {
      await repo.replaceDerived(trx, { units, forecasts, status, run });
      await scheduleNightly(trx);
    });
    return { computedAt: now.toISOString(), skus: skuIds.length, alerts: status.filter((r) => r.alerts !== '[]').length, tookMs: run.took_ms, historyFrom: from, historyTo: to, backtest: report };
  }

  /** Books the next nightly recompute (02:00 China time), once per day by its dedupe key. */
  async function scheduleNightly(handle: Parameters<typeof scheduleJob>[0] = db) {
    const now = clock.now();
    const runAt = new Date(chinaDayStart(chinaDate(now)).getTime() + DAY_MS + 2 * 3_600_000);
    await scheduleJob(handle, { kind: RECOMPUTE_JOB, payload: { day: chinaDate(runAt) }, runAt, dedupeKey: `${RECOMPUTE_JOB}:${chinaDate(runAt)}`, maxAttempts: 3, now });
  }

  /** Books a recompute to run as soon as a worker is free (the demo's first start), without waiting for it. */
  async function recomputeSoon() {
    const now = clock.now();
    await scheduleJob(db, { kind: RECOMPUTE_JOB, payload: { day: chinaDate(now) }, runAt: now, dedupeKey: `${RECOMPUTE_JOB}:soon:${now.getTime()}`, maxAttempts: 3, now });
  }

  /** The nightly job: a full recompute with the backtest; the recompute books the next night. */
  async function runNightly() {
    await recompute('job', { withBacktest: true });
  }

  async function names(skuIds: string[]) {
    return deps.catalog.describeSkus(skuIds);
  }

  /** SKUs with an alert, soonest stock-out first. */
  async function alerts(limit: number) {
    const run = await repo.findLatestRun(db);
    const rows = await repo.findAlerting(db, limit);
    const described = await names(rows.map((r) => r.sku_id));
    return { computedAt: run?.computed_at.toISOString() ?? null, items: rows.map((r) => presentStatus(r, described.get(r.sku_id))) };
  }

  /** One SKU: its history, forecast with band, the campaign days on it and its reorder plan. */
  async function skuForecast(skuId: string) {
    const sku = (await names([skuId])).get(skuId);
    if (!sku) throw notFound('SUPPLY_SKU_NOT_FOUND', 'No such product option', { skuId });
    const [status] = await repo.findStatus(db, [skuId]);
    if (!status) throw notFound('SUPPLY_NO_FORECAST', 'No forecast for this option yet', { skuId });
    const [units, forecast, campaigns] = await Promise.all([repo.findUnits(db, skuId), repo.findForecast(db, skuId), campaignDaysOf(skuId)]);
    const run = await repo.findLatestRun(db);
    const sold = new Map(units.map((u) => [u.day, u.units]));
    const history = run ? Array.from({ length: daysBetween(run.history_from, run.history_to) + 1 }, (_, i) => shiftDay(run.history_from, i)).map((day) => ({ day, units: sold.get(day) ?? 0 })) : [];
    return {
      ...presentStatus(status, sku),
      history,
      forecast: forecast.map((f) => ({ day: f.day, mean: f.mean, lo: f.lo, hi: f.hi })),
      campaigns,
    };
  }

  /** The campaigns (not drafts) on a SKU, with their days, for marking the chart. */
  async function campaignDaysOf(skuId: string) {
    const today = chinaDate(clock.now());
    const spans = await readCampaigns(today);
    const skus = await skusOf(spans);
    return spans.filter((s) => skus.get(s.id)?.includes(skuId)).map((s) => ({ id: s.id, mechanic: s.mechanic, status: s.status, from: s.from, to: s.to }));
  }

  /** The latest backtest and the pooled effects it was fitted with. */
  async function report() {
    const [latest, withBacktest] = await Promise.all([repo.findLatestRun(db), repo.findLatestBacktest(db)]);
    if (!latest) throw notFound('SUPPLY_NO_RUN', 'The forecast has not been computed yet');
    return {
      computedAt: latest.computed_at.toISOString(),
      historyFrom: latest.history_from,
      historyTo: latest.history_to,
      skus: latest.skus,
      tookMs: latest.took_ms,
      season: latest.season,
      effects: latest.effects,
      backtest: withBacktest?.backtest ?? null,
      backtestAt: withBacktest?.computed_at.toISOString() ?? null,
    };
  }

  async function listSettings() {
    const rows = await repo.findAllSettings(db);
    const described = await names(rows.map((r) => r.scope).filter(isUuid));
    const d = rows.find((r) => r.scope === 'default');
    return {
      defaults: d ? { leadTimeDays: d.lead_time_days, serviceLevel: d.service_level, coverDays: d.cover_days } : DEFAULT_SETTINGS,
      items: rows.filter((r) => r.scope !== 'default').map((r) => ({ skuId: r.scope, productTitle: described.get(r.scope)?.productTitle ?? '', skuLabel: described.get(r.scope)?.skuLabel ?? '', leadTimeDays: r.lead_time_days, serviceLevel: r.service_level, coverDays: r.cover_days, updatedAt: r.updated_at.toISOString() })),
    };
  }

  /** Set the store's defaults ('default') or one SKU's settings; unspecified fields keep their current value. */
  async function setSettings(actorId: string | null, scope: string, patch: Partial<SupplySettings>) {
    const problem = settingsProblem(patch);
    if (problem) throw invalid('SUPPLY_SETTINGS_INVALID', problem, { scope });
    if (scope !== 'default') {
      if (!isUuid(scope) || !(await names([scope])).get(scope)) throw notFound('SUPPLY_SKU_NOT_FOUND', 'No such product option', { skuId: scope });
    }
    const current = await settingsFor(scope === 'default' ? [] : [scope]);
    const base = scope === 'default' ? current.defaults : (current.bySku.get(scope) ?? current.defaults);
    const next = { ...base, ...patch };
    const row = await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const saved = await repo.upsertSettings(trx, { scope, lead_time_days: next.leadTimeDays, service_level: next.serviceLevel, cover_days: next.coverDays, updated_by: actorId, updated_at: now });
      await recordAudit(trx, now, { actorId, action: 'supply.settings_set', subjectType: 'supply_settings', subjectId: scope, details: { from: base, to: next } });
      await scheduleNightly(trx);
      return saved;
    });
    return { scope: row.scope, leadTimeDays: row.lead_time_days, serviceLevel: row.service_level, coverDays: row.cover_days, updatedAt: row.updated_at.toISOString() };
  }

  async function clearSettings(skuId: string) {
    if (!isUuid(skuId) || !(await repo.deleteSettings(db, skuId))) throw notFound('SUPPLY_SKU_NOT_FOUND', 'This option has no settings of its own', { skuId });
  }

  return { recompute, recomputeSoon, runNightly, scheduleNightly, alerts, skuForecast, report, listSettings, setSettings, clearSettings, rememberCampaignSkus, settingsFor, storeHistory };
}

export type SupplyService = ReturnType<typeof createSupplyService>;

const round2 = (x: number) => Math.round(x * 100) / 100;

type StatusRow = Awaited<ReturnType<typeof repo.findStatus>>[number];

function presentStatus(r: StatusRow, sku: { productId: string; productTitle: string; skuLabel: string } | undefined) {
  return {
    skuId: r.sku_id,
    productId: sku?.productId ?? null,
    productTitle: sku?.productTitle ?? '',
    skuLabel: sku?.skuLabel ?? '',
    available: r.available,
    dailyForecast: r.daily_forecast,
    sigma: r.sigma,
    leadTimeDays: r.lead_time_days,
    serviceLevel: r.service_level,
    safetyStock: r.safety_stock,
    reorderPoint: r.reorder_point,
    stockOutDay: r.stockout_day,
    suggestedOrder: r.suggested_order,
    alerts: r.alerts,
    historyUnits: r.history_units,
    computedAt: r.computed_at.toISOString(),
  };
}
