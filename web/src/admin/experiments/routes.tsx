import type { RouteObject } from 'react-router-dom';
import { ExperimentPage } from './experiment';
import { ExperimentsListPage } from './list';
import './i18n';

/** Sidebar entries: `to` relative to /admin, `label` a key in the `experiments` namespace. */
export const experimentsNav: { to: string; label: string }[] = [{ to: 'experiments', label: 'experiments:nav.list' }];

export const experimentsRoutes: RouteObject[] = [
  { path: 'experiments', element: <ExperimentsListPage /> },
  { path: 'experiments/:id', element: <ExperimentPage /> },
];
