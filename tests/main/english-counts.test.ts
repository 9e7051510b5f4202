import { describe, expect, it } from 'vitest';
import { noticeText, recordText, type RecordInputs } from '../../src/main/services/rights/notice-text';
import { issueText } from '../../src/shared/messages';
import { text } from '../../src/shared/i18n/text';

/** The shop at the smallest settings the app accepts: a lapse of 1 month, auto-lock after 1 minute. */
const inputs: RecordInputs = {
  shop: { name: 'Toko Maju', contact: '0361 555 123' },
  fields: [],
  purposes: [],
  retention: { inactiveMonths: 3, consentLapseMonths: 1, salesKeepYears: 5, keepReviewMonths: 1 },
  recipients: [],
  users: { owners: 1, cashiers: 1 },
  security: {
    autoLockMinutes: 1,
    backups: { enabled: true, auto: true, keepDaily: 7, keepWeekly: 4 },
    keystore: 'dpapi',
    keystoreProtected: true,
    counters: { enabled: true, devices: 1 },
  },
};

describe('English texts main writes count as English does', () => {
  it('the catalogue counts by the plural rules: one for 1, the plural for 0 and many', () => {
    expect(text('en', 'counts.minutes', { count: 1 })).toBe('1 minute');
    expect(text('en', 'counts.minutes', { count: 0 })).toBe('0 minutes');
    expect(text('en', 'counts.customers', { count: 2 })).toBe('2 customers');
  });

  it('a field refused for its length says "1 character", not "1 characters"', () => {
    expect(issueText({ field: 'name', reason: 'too_short', limit: 1 }, 'en')).toBe(
      'too short (at least 1 character)',
    );
    expect(issueText({ field: 'name', reason: 'too_long', limit: 300 }, 'en')).toBe(
      'too long (at most 300 characters)',
    );
  });

  it('the notice and the record of processing say "1 month" and "1 minute"', () => {
    const text = JSON.stringify([
      noticeText(inputs, 'en', 1, '1 Dec 2026'),
      recordText(inputs, 'en', 1, '1 Dec 2026'),
    ]);
    expect(text).toContain('ends 1 month after you gave it');
    expect(text).toContain('Auto-lock after 1 minute idle.');
    expect(text).toContain('1 paired laptop opens the data');
    expect(text).not.toMatch(/\b1 (months|minutes|years|days|paired laptops)\b/);
  });
});
