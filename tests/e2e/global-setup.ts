import { build } from 'vite';
import { rendererConfig } from '../../renderer.config.mts';

/**
 * The e2e tests drive the built renderer; build it fresh so they never test a stale bundle.
 * vitest sets NODE_ENV=test, which would mix React's dev JSX transform into a production
 * bundle: build exactly as `vite build` does for the app.
 */
export default async function setup(): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ ...rendererConfig, configFile: false, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
