// Shared bits of the supply screens: query keys and number formatting.
import { formatNumber, formatPercent } from '../../shared/format';
export const ALERTS = ['admin', 'supply', 'alerts'];
export const REPORT = ['admin', 'supply', 'report'];
export const SETTINGS = ['admin', 'supply', 'settings'];
export const forecastKey = (skuId: string) => ['admin', 'supply', 'forecast', skuId];

/** Units with one decimal (forecasts are rates, not whole units). */
export const units = (x: number) => formatNumber(x, undefined, 1);
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatPercent(x));
/** Model vs naive: −28.3% means 28.3% lower WAPE than seasonal naive. */
export const diff = (improvement: number | null | undefined) => (improvement === null || improvement === undefined ? '—' : `${improvement >= 0 ? '−' : '+'}${Math.abs(improvement * 100).toFixed(1)}%`);
/** A signed share: +3.2% over-forecast, −3.2% under. */
export const signed = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`);
