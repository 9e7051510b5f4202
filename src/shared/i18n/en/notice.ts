import type { NoticeTexts } from '../id/notice';

/** The privacy notice, the record of processing and the counter poster. */
export const notice: NoticeTexts = {};
