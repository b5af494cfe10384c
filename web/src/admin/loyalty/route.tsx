// The loyalty page (points rules and tiers) as a lazily loaded route: antd comes with this chunk only.
import { AntdProvider } from '../antd/provider';
import './i18n';
import { LoyaltyPage } from './page';

export function Component() {
  return (
    <AntdProvider>
      <LoyaltyPage />
    </AntdProvider>
  );
}
