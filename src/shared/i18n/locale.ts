import type { Language } from '../language';

/**
 * The locale each language writes dates and numbers in: Indonesia's for Bahasa Indonesia
 * (29 November 2026 10.15), British English for English (day before month, as in Indonesia).
 */
export const LOCALES: { readonly [L in Language]: string } = { id: 'id-ID', en: 'en-GB' };
