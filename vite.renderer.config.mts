import { defineConfig } from 'vite';
import { rendererConfig } from './renderer.config.mts';

export default defineConfig(rendererConfig);
