/** Texts of the customer and sales imports: the problem lists an owner downloads. */
export const imports = {
  /** The customer import's list of row problems (a CSV the owner fixes the spreadsheet from). */
  problemsFile: {
    header: { row: 'baris', column: 'kolom', problem: 'masalah' },
  },
};

export type ImportTexts = typeof imports;
