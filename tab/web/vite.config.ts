import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const page = (name: string): string => fileURLToPath(new URL(`./${name}.html`, import.meta.url));

/**
 * Builds the tab into dist/tab, served by the one server under /tab/. The tab's CSP is
 * script-src 'self': no inline scripts, so Vite's module preload polyfill stays off.
 */
export default defineConfig({
  root,
  base: '/tab/',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/tab', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: {
        index: page('index'),
        config: page('config'),
        privacy: page('privacy'),
        terms: page('terms'),
        'auth-start': page('auth-start'),
        'auth-end': page('auth-end'),
      },
    },
  },
});
