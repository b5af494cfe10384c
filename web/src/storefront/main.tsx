import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../shared/i18n';
import '../shared/base.css';
import './storefront.css';
import { App } from './App';
import { shell } from './shell.i18n';
import { shop } from './pages/commerce/i18n';
import { fission } from './pages/fission/i18n';
import { account } from './pages/commerce/password.i18n';
import { privacy } from './pages/commerce/privacy.i18n';

setupI18n({ shell, shop, fission, account, privacy });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
