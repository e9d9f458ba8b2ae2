import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname);

// Two pages: the cashier window and the customer display. Relative base so the same
// build works from app://cashdesk/ (Electron) and from the test bridge's HTTP server.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: { index: resolve(root, 'index.html'), customer: resolve(root, 'customer.html') },
    },
  },
});
