// One customer's page as a lazily loaded route (react-router `lazy`): antd comes with this chunk only.
import { AntdProvider } from '../antd/provider';
import './i18n';
import { CustomerOverviewPage } from './detail';

export function Component() {
  return (
    <AntdProvider>
      <CustomerOverviewPage />
    </AntdProvider>
  );
}
