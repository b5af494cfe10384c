// The after-sales list as a lazily loaded route (react-router `lazy`): antd comes with this chunk only.
import { AntdProvider } from '../antd/provider';
import './detail-i18n';
import { AftersalesPage } from './aftersales';

export function Component() {
  return (
    <AntdProvider>
      <AftersalesPage />
    </AntdProvider>
  );
}
