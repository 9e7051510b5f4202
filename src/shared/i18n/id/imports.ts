/** Texts of the customer and sales imports: the problem lists an owner downloads. */
export const imports = {};

export type ImportTexts = typeof imports;
