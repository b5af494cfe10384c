// The community's storefront routes: the feed tab, topics, notes, the composer, profiles and KOL pages.
import type { RouteObject } from 'react-router-dom';
import './community.css';
import { ComposerPage } from './Composer';
import { FeedPage, TopicPage } from './Feed';
import { NotePage } from './Note';
import { MyProfilePage, ProfilePage } from './Profile';

export const communityRoutes: RouteObject[] = [
  { path: 'feed', element: <FeedPage /> },
  { path: 'topics/:topic', element: <TopicPage /> },
  { path: 'notes/new', element: <ComposerPage /> },
  { path: 'notes/:id', element: <NotePage /> },
  { path: 'people/:id', element: <ProfilePage /> },
  { path: 'kol/:id', element: <ProfilePage kol /> },
  { path: 'me/community', element: <MyProfilePage /> },
];
