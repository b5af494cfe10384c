import type { RouteObject } from 'react-router-dom';

/** Sidebar entries for the campaign screens: `to` is relative to /admin, `label` a key in the campaigns namespace. */
export const campaignNav: { to: string; label: string }[] = [];
export const campaignRoutes: RouteObject[] = [];
