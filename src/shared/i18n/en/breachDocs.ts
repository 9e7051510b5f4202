import type { BreachTexts } from '../id/breachDocs';

/** The breach response: letters to customers, the authority form and the incident's words. */
export const breachDocs: BreachTexts = {};
