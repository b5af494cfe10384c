// The live room (直播间), reached by a share link of target `live`.
import type { RouteObject } from 'react-router-dom';
import { LiveRoomPage } from './Room';
import './i18n';

export const liveRoutes: RouteObject[] = [{ path: '/live/:id', element: <LiveRoomPage /> }];
