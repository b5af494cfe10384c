import type { RouteObject } from 'react-router-dom';
import { AlertsPage } from './alerts';
import { QueuePage } from './queue';
import { ReviewsAdminPage } from './reviews';
import { WordsPage } from './words';
import './i18n';

/** Sidebar entries: `to` relative to /admin, `label` a key in the `moderation` namespace. */
export const moderationNav: { to: string; label: string }[] = [
  { to: 'moderation', label: 'moderation:nav.queue' },
  { to: 'moderation/words', label: 'moderation:nav.words' },
  { to: 'moderation/alerts', label: 'moderation:nav.alerts' },
  { to: 'moderation/reviews', label: 'moderation:nav.reviews' },
];

export const moderationRoutes: RouteObject[] = [
  { path: 'moderation', element: <QueuePage /> },
  { path: 'moderation/words', element: <WordsPage /> },
  { path: 'moderation/alerts', element: <AlertsPage /> },
  { path: 'moderation/reviews', element: <ReviewsAdminPage /> },
];
