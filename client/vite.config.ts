import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { precompiledValidators } from './validators-plugin';

// The client is built into client/dist and served by the Express process; `npm run dev` proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [precompiledValidators(), react()],
  resolve: { alias: { '@schemas': path.resolve(import.meta.dirname, '../schemas') } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
});
