import type { RouteObject } from 'react-router-dom';
import { PageHeader } from '../../layout';

export const commerceRoutes: RouteObject[] = [{ index: true, element: <PageHeader title="裂变商城" back={false} /> }];
