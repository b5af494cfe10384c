// Settings as grouped forms, a lazily loaded route (react-router `lazy`): antd and its locale come
// with this chunk only.
import { AntdProvider } from '../antd/provider';
import './i18n';
import { SettingsFormsPage } from './page';

export function Component() {
  return (
    <AntdProvider>
      <SettingsFormsPage />
    </AntdProvider>
  );
}
