import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../shared/i18n';
import '../shared/base.css';
import { App } from './App';
import { admin } from './i18n';

setupI18n({ admin });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
