import type { ImportTexts } from '../id/imports';

/** Texts of the customer and sales imports: the problem lists an owner downloads. */
export const imports: ImportTexts = {
  /** The customer import's list of row problems (a CSV the owner fixes the spreadsheet from). */
  problemsFile: {
    header: { row: 'row', column: 'column', problem: 'problem' },
  },
};
