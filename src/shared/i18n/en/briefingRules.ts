import type { BriefingTexts } from '../id/briefingRules';

/** The staff briefing's default rules and its questions. */
export const briefingRules: BriefingTexts = {};
