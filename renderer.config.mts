import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { UserConfig } from 'vite';

/** Shared by electron-vite (the app) and vite.renderer.config.mts (the e2e/dev bridge build). */
export const rendererConfig: UserConfig = {
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    minify: true,
    target: 'chrome130',
    rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
  },
};
