import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../../src/renderer/i18n';

initI18n('id');
afterEach(() => cleanup());
