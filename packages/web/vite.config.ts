// Vite build for the web app: two pages (landing at /, app at /app/) sharing one asset folder.
// packages/pine is compiled from source through an alias, so the web build never needs its dist.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
/** Where `vite` / `vite preview` forward /api during development. */
const apiTarget = process.env.PINEBACK_API ?? 'http://127.0.0.1:7420';

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: [
      // Single modules (e.g. the lexer's keyword table) without pulling the whole package into the main chunk.
      { find: /^@pineback\/pine\/(.*)$/, replacement: `${here('../pine/src')}/$1` },
      { find: /^@pineback\/pine$/, replacement: here('../pine/src/index.ts') },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { landing: here('index.html'), app: here('app/index.html') },
    },
  },
  server: {
    proxy: { '/api': { target: apiTarget, ws: true } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, ws: true } },
  },
});
