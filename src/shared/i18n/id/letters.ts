/** Letters to customers: the access report, answers to requests, and the printed documents' names. */
export const letters = {};

export type LetterTexts = typeof letters;
