/** The privacy notice, the record of processing and the counter poster. */
export const notice = {};

export type NoticeTexts = typeof notice;
