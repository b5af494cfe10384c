import type { RouteObject } from 'react-router-dom';
import { KolsPage } from './kols';
import { NotesPage } from './notes';
import './i18n';

/** Sidebar entries: `to` relative to /admin, `label` a key in the `communityAdmin` namespace. */
export const communityNav: { to: string; label: string }[] = [
  { to: 'community/kols', label: 'communityAdmin:nav.kols' },
  { to: 'community/notes', label: 'communityAdmin:nav.notes' },
];

export const communityAdminRoutes: RouteObject[] = [
  { path: 'community/kols', element: <KolsPage /> },
  { path: 'community/notes', element: <NotesPage /> },
];
