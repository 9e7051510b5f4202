import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer.config.mts';

/** Three bundles: main (CJS, native modules external), sandboxed CommonJS preload, renderer. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Dependencies stay in node_modules, except ESM-only ones: the main bundle is CommonJS, and
      // require() of ESM from inside app.asar is fragile (electron/electron#46614). A test checks
      // that everything the bundle still requires is CommonJS-loadable (tests/main/bundle.test.ts).
      externalizeDeps: { exclude: ['@scure/base'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/app/main.ts'),
          // Started with new Worker() by the import (src/main/app/main.ts passes its path).
          'phone-worker': resolve(__dirname, 'src/main/services/import/phone-worker.ts'),
          'backup-worker': resolve(__dirname, 'src/main/services/backup/backup-worker.ts'),
          'dashboard-worker': resolve(__dirname, 'src/main/services/dashboard/dashboard-worker.ts'),
          'xlsx-worker': resolve(__dirname, 'src/main/services/sales/xlsx-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require npm packages: bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
