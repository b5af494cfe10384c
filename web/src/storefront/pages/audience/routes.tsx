// The storefront's message centre (站内信).
import type { RouteObject } from 'react-router-dom';
import { MessagesPage } from './Messages';

export const audienceRoutes: RouteObject[] = [{ path: 'me/messages', element: <MessagesPage /> }];
