import type { RouteObject } from 'react-router-dom';
import { AudienceDispatchPage } from './dispatch';
import { AudienceProfilesPage } from './profiles';
import { AudienceSegmentsPage } from './segments';

/** Sidebar entries: `to` relative to /admin, `label` a key in the `audience` namespace. */
export const audienceNav: { to: string; label: string }[] = [
  { to: 'audience/profiles', label: 'audience:nav.profiles' },
  { to: 'audience/segments', label: 'audience:nav.segments' },
  { to: 'audience/dispatch', label: 'audience:nav.dispatch' },
];

export const audienceRoutes: RouteObject[] = [
  { path: 'audience/profiles', element: <AudienceProfilesPage /> },
  { path: 'audience/segments', element: <AudienceSegmentsPage /> },
  { path: 'audience/dispatch', element: <AudienceDispatchPage /> },
];
