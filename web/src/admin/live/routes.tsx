import type { RouteObject } from 'react-router-dom';
import { LiveSessionsPage } from './list';
import { LiveSessionPage } from './session';
import './i18n';

/** Sidebar entries: `to` relative to /admin, `label` a key in the `live` namespace. */
export const liveNav: { to: string; label: string }[] = [{ to: 'live', label: 'live:nav.list' }];

export const liveRoutes: RouteObject[] = [
  { path: 'live', element: <LiveSessionsPage /> },
  { path: 'live/:id', element: <LiveSessionPage /> },
];
