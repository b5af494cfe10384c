// The orders workbench as a lazily loaded route (react-router `lazy`): antd and its locale come
// with this chunk only.
import { AntdProvider } from '../antd/provider';
import './i18n';
import { OrdersWorkbenchPage } from './workbench';

export function Component() {
  return (
    <AntdProvider>
      <OrdersWorkbenchPage />
    </AntdProvider>
  );
}
