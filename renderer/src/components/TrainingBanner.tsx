import { useTranslation } from 'react-i18next';

/** Whenever app.status.training is true: nobody mistakes the training counter for the live one. */
export function TrainingBanner(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="training-banner" role="note" data-testid="training-banner">
      <strong>{t('training.title')}</strong>
      <span>{t('training.body')}</span>
      <span className="training-credentials" data-testid="training-credentials">
        {t('training.credentials')}
      </span>
    </div>
  );
}
