import type { RouteObject } from 'react-router-dom';
import { PlanPage } from './plan';
import { NewPlanPage } from './new';
import { PlansListPage } from './list';
import { PlanReportPage } from './report';
import './i18n';

/** Sidebar entries: `to` relative to /admin, `label` a key in the `planner` namespace. */
export const plannerNav: { to: string; label: string }[] = [{ to: 'plans', label: 'planner:nav.list' }];

export const plannerRoutes: RouteObject[] = [
  { path: 'plans', element: <PlansListPage /> },
  { path: 'plans/new', element: <NewPlanPage /> },
  { path: 'plans/:id', element: <PlanPage /> },
  { path: 'plans/:id/report', element: <PlanReportPage /> },
];
