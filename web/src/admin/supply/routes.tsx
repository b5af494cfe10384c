import type { RouteObject } from 'react-router-dom';
import { SupplyAlertsPage } from './alerts';
import { SupplyBacktestPage } from './backtest';
import { SupplySettingsPage } from './settings';
import { SupplySkuPage } from './sku';
import './i18n';

/** Sidebar entries: `to` relative to /admin, `label` a key in the `supply` namespace. */
export const supplyNav: { to: string; label: string }[] = [
  { to: 'supply/alerts', label: 'supply:nav.alerts' },
  { to: 'supply/backtest', label: 'supply:nav.backtest' },
  { to: 'supply/settings', label: 'supply:nav.settings' },
];

export const supplyRoutes: RouteObject[] = [
  { path: 'supply/alerts', element: <SupplyAlertsPage /> },
  { path: 'supply/skus/:skuId', element: <SupplySkuPage /> },
  { path: 'supply/backtest', element: <SupplyBacktestPage /> },
  { path: 'supply/settings', element: <SupplySettingsPage /> },
];
