import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../shared/i18n';
import '../shared/base.css';
import './admin.css';
import { App } from './App';
import { campaigns } from './campaigns/i18n';
import { admin } from './i18n';

setupI18n({ admin, campaigns });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
