// The order page as a lazily loaded route (react-router `lazy`): antd comes with this chunk only.
import { AntdProvider } from '../antd/provider';
import './detail-i18n';
import { OrderDetailPage } from './detail';

export function Component() {
  return (
    <AntdProvider>
      <OrderDetailPage />
    </AntdProvider>
  );
}
