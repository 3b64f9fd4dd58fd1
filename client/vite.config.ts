import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { precompiledValidators, validatorChunkName } from './validators-plugin.ts';

// The client is built into client/dist and served by the Express process; `npm run dev` proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [precompiledValidators(), react()],
  resolve: { alias: { '@schemas': path.resolve(import.meta.dirname, '../schemas') } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      // The timing report flags builds whose plugins take much of the wall time; compiling the
      // validators (about a second) does, and so does Vite's own CSS plugin whenever the machine is busy.
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          // The precompiled validators (over a megabyte of generated code, loaded together when a
          // form first validates) go out as one chunk per schema family, a large family in parts.
          groups: [{ name: validatorChunkName, debugName: 'validators', maxSize: 400_000 }],
        },
      },
    },
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
});
