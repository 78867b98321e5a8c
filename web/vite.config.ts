import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built by `npm run build:web` (and by `npm install` through `prepare`); `rounds serve` ships web/dist.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  // `vite --config web/vite.config.ts` during UI work, with `rounds serve` on the default port for the API.
  server: { proxy: { '/api': 'http://127.0.0.1:7878' } },
});
