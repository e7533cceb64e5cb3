import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApi } from './api/client';
import { App } from './App';
import './styles.css';
import './styles/tables.css';
import './styles/pages.css';

// The transport is chosen (and the token taken out of the address bar) before anything renders.
initApi();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
