import { build } from 'vite';
import { rendererConfig } from '../../renderer.config.mts';

/** The e2e tests drive the built renderer; build it fresh so they never test a stale bundle. */
export default async function setup(): Promise<void> {
  // vitest sets NODE_ENV=test; the app ships React's production build, so test that one.
  await build({
    ...rendererConfig,
    configFile: false,
    mode: 'production',
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  });
}
