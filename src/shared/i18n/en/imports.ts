import type { ImportTexts } from '../id/imports';

/** Texts of the customer and sales imports: the problem lists an owner downloads. */
export const imports: ImportTexts = {};
