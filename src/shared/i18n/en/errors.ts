import type { ErrorTexts } from '../id/errors';

/** Error messages and their reasons, filled in by main so every error reaches the screen readable. */
export const errors: ErrorTexts = {
  offline: 'Cannot reach the app core.',
};
