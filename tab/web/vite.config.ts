import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Builds the tab into dist/tab, served by the one server under /tab/. */
export default defineConfig({
  root,
  base: '/tab/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/tab', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        config: fileURLToPath(new URL('./config.html', import.meta.url)),
        privacy: fileURLToPath(new URL('./privacy.html', import.meta.url)),
        terms: fileURLToPath(new URL('./terms.html', import.meta.url)),
      },
    },
  },
});
