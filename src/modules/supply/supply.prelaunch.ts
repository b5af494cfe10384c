// The pre-campaign stock check, registered as the campaign kernel's `preLaunch` hook: when a
// campaign is scheduled or launched (and on its launch review), each SKU it sells is projected at
// the last recompute's forecast with the mechanic's uplift on the campaign's days; a SKU whose
// available stock runs out before the campaign ends, or before a purchase order placed today could
// arrive, gets a `warn` finding. It reads only supply's own tables and the inventory service on the
// handle it is given, so it runs inside the kernel's launch transaction.
import { chinaDate } from '../../platform/clock.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { CampaignView, Finding } from '../campaigns/index.ts';
import type { InventoryService } from '../inventory/index.ts';
import { shiftDay } from './supply.calendar.ts';
import type { EffectEstimate } from './supply.forecast.ts';
import * as repo from './supply.repo.ts';
import { campaignStockCheck, FORECAST_DAYS, type CampaignStockVerdict } from './supply.rules.ts';
import { supplyTables } from './supply.table.ts';

export const STOCK_CHECK = 'supply.stock';
/** A campaign without an end is checked over its first this many days. */
const OPEN_ENDED_DAYS = 7;

export interface PrelaunchDeps {
  inventory: Pick<InventoryService, 'getAvailability'>;
  /** The mechanic's service, for a campaign whose SKUs were not learnt from its events yet (outside a transaction only). */
  skusOfCampaign(mechanic: string, campaignId: string): Promise<string[]>;
}

export function createStockCheck(deps: PrelaunchDeps) {
  return async function checkCampaignStock(handle: AnyExecutor, c: CampaignView, now: Date): Promise<Finding[]> {
    const db = supplyTables.of(handle);
    let skuIds = (await repo.findCampaignSkus(db, [c.id])).map((r) => r.sku_id);
    // The launch review reads on the pool: it may ask the mechanic. Inside the kernel's launch
    // transaction it may not (PGlite has one connection), and the SKUs come from the events.
    if (!skuIds.length && !handle.isTransaction) skuIds = await deps.skusOfCampaign(c.mechanic, c.id);
    if (!skuIds.length) return [];
    const run = await repo.findLatestRun(db);
    if (!run) return [{ check: STOCK_CHECK, severity: 'info', message: 'No demand forecast yet: run the supply recompute to check this campaign against stock', details: { skuIds } }];
    const today = chinaDate(now);
    const effects = run.effects as EffectEstimate[];
    const learnt = effects.find((e) => e.key === `campaign:${c.mechanic}`);
    // A scheduled or live campaign is already in the forecast (planned campaigns carry their uplift).
    const uplift = c.status === 'draft' ? (learnt?.factor ?? 1) : 1;
    const start = c.startsAt && c.startsAt > now ? chinaDate(c.startsAt) : today;
    const end = c.endsAt ? chinaDate(c.endsAt) : shiftDay(start, OPEN_ENDED_DAYS - 1);
    const [status, forecasts, levels] = await Promise.all([repo.findStatus(db, skuIds), repo.findForecasts(db, skuIds), deps.inventory.getAvailability(handle, skuIds)]);
    const findings: Finding[] = [];
    for (const s of status) {
      const byDay = new Map(forecasts.filter((f) => f.sku_id === s.sku_id).map((f) => [f.day, f.mean]));
      const daily = Array.from({ length: FORECAST_DAYS }, (_, i) => byDay.get(shiftDay(today, i))).filter((v): v is number => v !== undefined);
      const available = Math.max(0, levels.get(s.sku_id)?.available ?? 0);
      const v = campaignStockCheck({ skuId: s.sku_id, available, today, daily, startDay: start, endDay: end, uplift, leadTimeDays: s.lead_time_days });
      if (v.exhaustsBeforeEnd || v.beforeReorder) findings.push(toFinding(v, { start, end, openEnded: !c.endsAt, upliftLearnt: learnt ? { days: learnt.days, actual: learnt.actual, expected: learnt.expected } : null, forecastAt: run.computed_at.toISOString() }));
    }
    return findings;
  };
}

function toFinding(v: CampaignStockVerdict, window: { start: string; end: string; openEnded: boolean; upliftLearnt: unknown; forecastAt: string }): Finding {
  const demand = Math.ceil(v.demandBeforeStart + v.campaignDemand);
  const when = v.exhaustsBeforeEnd ? `by the campaign's last day (${window.end})` : `before a reorder placed today could arrive (${v.reorderArrives})`;
  const whenZh = v.exhaustsBeforeEnd ? `不晚于活动最后一天（${window.end}）` : `早于今天下单补货的到货日（${v.reorderArrives}）`;
  return {
    check: STOCK_CHECK,
    severity: 'warn',
    message: `SKU ${v.skuId.slice(0, 8)}: about ${demand} units expected by the campaign's end (uplift ×${v.uplift.toFixed(2)} on its days) against ${v.available} available; stock runs out on ${v.stockOutDay}, ${when}`,
    details: {
      skuId: v.skuId,
      available: v.available,
      demandBeforeStart: round1(v.demandBeforeStart),
      campaignDemand: round1(v.campaignDemand),
      uplift: Math.round(v.uplift * 100) / 100,
      stockOutDay: v.stockOutDay,
      reorderArrives: v.reorderArrives,
      exhaustsBeforeEnd: v.exhaustsBeforeEnd,
      beforeReorder: v.beforeReorder,
      extrapolatedDays: v.extrapolatedDays,
      messageZh: `规格 ${v.skuId.slice(0, 8)}：预计到活动结束需求约 ${demand} 件（活动期间 ×${v.uplift.toFixed(2)}），可售库存 ${v.available} 件，将于 ${v.stockOutDay} 售罄，${whenZh}`,
      ...window,
    },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
