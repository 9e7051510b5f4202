/** The breach response: letters to customers, the authority form and the incident's words. */
export const breachDocs = {};

export type BreachTexts = typeof breachDocs;
