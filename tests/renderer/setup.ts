import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../../src/renderer/i18n';

initI18n('id');
afterEach(() => cleanup());

// jsdom has no layout, so no ResizeObserver: the virtual list measures once and keeps its default.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};
