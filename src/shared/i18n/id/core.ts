/** Texts main writes elsewhere: receipts, the recovery card, reports, exports and start-up checks. */
export const core = {};

export type CoreTexts = typeof core;
