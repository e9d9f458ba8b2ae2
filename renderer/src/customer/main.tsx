import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import '../i18n/index.js';
import '../styles.css';

function CustomerDisplay(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <main className="customer">
      <h1>{t('customer.welcome')}</h1>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CustomerDisplay />
  </StrictMode>,
);
