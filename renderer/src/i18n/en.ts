import type { Messages } from './zh-CN.js';

export const en: Messages = {
  appName: 'Cashdesk',
  boot: {
    title: 'System status',
    loading: 'Connecting to the cashier core…',
    version: 'Version',
    database: 'Database',
    schema: 'Schema version',
    startedAt: 'Started at',
    pinpad: 'PIN pad',
    printer: 'Receipt printer',
    hostLink: 'Bank host link',
    error: 'Cannot read the status',
  },
  training: 'Training mode: simulated bank host and PIN pad; no real money moves',
  language: '中文',
  state: {
    absent: 'not connected',
    connecting: 'connecting',
    ready: 'ready',
    busy: 'busy',
    disconnected: 'disconnected',
    error: 'fault',
    connected: 'connected',
  },
  customer: { welcome: 'Welcome' },
};
