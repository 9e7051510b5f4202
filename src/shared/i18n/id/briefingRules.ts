/** The staff briefing's default rules and its questions. */
export const briefingRules = {};

export type BriefingTexts = typeof briefingRules;
