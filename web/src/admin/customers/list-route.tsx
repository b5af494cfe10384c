// The customer list as a lazily loaded route (react-router `lazy`): antd comes with this chunk only.
import { AntdProvider } from '../antd/provider';
import './i18n';
import { CustomersListPage } from './list';

export function Component() {
  return (
    <AntdProvider>
      <CustomersListPage />
    </AntdProvider>
  );
}
