import type { RouteObject } from 'react-router-dom';
import { RiskBlacklistPage } from './blacklist';
import { RiskQueuePage } from './queue';
import { RiskSummaryPage } from './summary';

/** Sidebar entries: `to` relative to /admin, `label` a key in the admin namespace. */
export const riskNav: { to: string; label: string }[] = [
  { to: 'risk/queue', label: 'risk.nav.queue' },
  { to: 'risk/blacklist', label: 'risk.nav.blacklist' },
  { to: 'risk/summary', label: 'risk.nav.summary' },
];

export const riskRoutes: RouteObject[] = [
  { path: 'risk/queue', element: <RiskQueuePage /> },
  { path: 'risk/blacklist', element: <RiskBlacklistPage /> },
  { path: 'risk/summary', element: <RiskSummaryPage /> },
];
