import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n/index.js';
import '../styles.css';
import './customer.css';
import { CustomerDisplay } from './CustomerDisplay.js';
import { ErrorBoundary } from '../components/ErrorBoundary.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <CustomerDisplay />
    </ErrorBoundary>
  </StrictMode>,
);
