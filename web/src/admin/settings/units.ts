// How a setting's stored value reads and is typed: money is stored in fen and typed in yuan, rates
// are stored in basis points and typed as % (10.00% ↔ 1000), durations and counts as they are.
// The allowed range comes from the server with the setting (its schema), in the stored unit.
import type { TFunction } from 'i18next';
import type { paths } from '../../shared/api';
import { formatMoney, formatNumber, type Locale } from '../../shared/format';

export type Setting = paths['/api/v1/admin/settings']['get']['responses'][200]['content']['application/json'][string];
export type SettingGroup = Setting['group'];
export type SettingUnit = Setting['unit'];

/** The pages in the order an operator looks for them. */
export const GROUPS: SettingGroup[] = ['trade', 'shipping', 'affiliate', 'loyalty', 'sharing', 'marketing', 'compliance', 'security', 'system'];

/** Stored units per typed unit: 100 fen a yuan, 100 basis points a percent. */
const scaleOf = (unit: SettingUnit) => (unit === 'fen' || unit === 'bp' ? 100 : 1);
export const decimalsOf = (unit: SettingUnit) => (unit === 'fen' || unit === 'bp' ? 2 : 0);
export const isNumeric = (unit: SettingUnit) => !['boolean', 'enum', 'text'].includes(unit);

/** The stored value as the form field holds it. */
export function toField(s: Setting, stored: unknown): unknown {
  return isNumeric(s.unit) && typeof stored === 'number' ? stored / scaleOf(s.unit) : stored;
}

/** The field's value as the server stores it (¥12.50 → 1250); rounding removes float noise only, the field allows 2 decimals. */
export function fromField(s: Setting, field: unknown): unknown {
  return isNumeric(s.unit) && typeof field === 'number' ? Math.round(field * scaleOf(s.unit)) : field;
}

/** The unit word shown after a number field (分钟, 天, 积分…), or '' where the label says it. */
export function unitWord(unit: SettingUnit, t: TFunction): string {
  return ['seconds', 'minutes', 'hours', 'days', 'years', 'points', 'perMinute'].includes(unit) ? t(`settingsForms:units.${unit}`) : '';
}

/** A stored value as an operator reads it: ¥99.00, 10%, 15 分钟, 开启, the choice's name. */
export function formatSetting(s: Setting, stored: unknown, t: TFunction, lang: Locale): string {
  if (s.unit === 'boolean') return stored ? t('settingsForms:on') : t('settingsForms:off');
  if (s.unit === 'enum') return s.options?.find((o) => o.value === stored)?.label[lang] ?? String(stored);
  if (typeof stored !== 'number') return String(stored ?? '');
  if (s.unit === 'fen') return formatMoney({ amount: stored, currency: 'CNY' }, lang);
  if (s.unit === 'bp') return `${formatNumber(stored / 100, lang)}%`;
  if (s.unit === 'percent') return `${formatNumber(stored, lang)}%`;
  const word = unitWord(s.unit, t);
  return word ? `${formatNumber(stored, lang)} ${word}` : formatNumber(stored, lang);
}

/** "允许范围：¥0.00 – ¥100,000.00" from a range in the stored unit (the setting's own, or a refusal's details). */
export function rangeMessage(s: Setting, range: { min?: number; max?: number }, t: TFunction, lang: Locale): string {
  if (s.unit === 'text') return t('settingsForms:length', { min: range.min ?? 0, max: range.max ?? '' });
  if (s.unit === 'enum' || s.unit === 'boolean') return t('settingsForms:choice');
  return t('settingsForms:range', { min: formatSetting(s, range.min, t, lang), max: formatSetting(s, range.max, t, lang) });
}

/** Whether a stored value is inside the setting's range (the same check the server makes). */
export function inRange(s: Setting, stored: unknown): boolean {
  if (s.unit === 'text') return typeof stored === 'string' && stored.length >= (s.min ?? 0) && stored.length <= (s.max ?? Infinity);
  if (!isNumeric(s.unit)) return true;
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= (s.min ?? -Infinity) && stored <= (s.max ?? Infinity);
}
