import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../shared/i18n';
import '../shared/base.css';
import './admin.css';
import { App } from './App';
import { analytics } from './analytics/i18n';
import { campaigns } from './campaigns/i18n';
import { admin } from './i18n';
import { accounts } from './pages/accounts.i18n';
import { integrations } from './pages/integrations.i18n';

setupI18n({ admin, campaigns, accounts, integrations, analytics });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
