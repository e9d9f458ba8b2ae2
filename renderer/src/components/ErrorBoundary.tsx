import { Component, type ReactNode } from 'react';
import i18next from '../i18n/index.js';

/**
 * A screen that throws while drawing must not leave the counter blank: say so and offer
 * a reload (the cart, payments and sessions live in main, so nothing is lost).
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <section className="card connection-error" role="alert" data-testid="screen-error">
        <h2>{i18next.t('crash.title')}</h2>
        <p>{i18next.t('crash.body')}</p>
        <pre className="small muted">{this.state.error.message}</pre>
        <button type="button" className="primary big" onClick={() => window.location.reload()}>
          {i18next.t('crash.reload')}
        </button>
      </section>
    );
  }
}
