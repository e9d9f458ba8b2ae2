import 'i18next';
import type { Messages } from './zh-CN.js';

// Typed keys: t('sale.pay') is checked against the zh-CN messages, and en.ts must have
// every key zh-CN has (Messages), so no string exists in only one language.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
