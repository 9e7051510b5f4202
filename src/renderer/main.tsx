// Tokens and shared controls first (before App pulls in each feature's styles, which build on them).
import './styles/base.css';
import './components/ui.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PrintedPath } from './features/prints/PrintedPath';
import { initI18n } from './i18n';

initI18n('id');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
      <PrintedPath />
    </StrictMode>,
  );
}
