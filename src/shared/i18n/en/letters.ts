import type { LetterTexts } from '../id/letters';

/** Letters to customers: the access report, answers to requests, and the printed documents' names. */
export const letters: LetterTexts = {};
