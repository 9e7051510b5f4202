import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededText } from '../../src/shared/seeded-text';
import { openVault } from '../../src/main/vault/database';
import { tempDir } from '../support/fixtures';

describe('the English app shows the vault’s default texts in English', () => {
  it('has an English text for every text a new vault is seeded with, and leaves rewritten ones alone', () => {
    const t = tempDir();
    const db = openVault(join(t.dir, 'v.db'), randomBytes(32));
    try {
      const texts = [
        ...(db.prepare('SELECT name, description FROM purposes').raw().all() as string[][]).flat(),
        ...(db.prepare('SELECT purpose FROM field_settings').pluck().all() as string[]),
      ];
      expect(texts.length).toBeGreaterThan(10);
      for (const text of texts) {
        expect(seededText(text, 'en'), text).not.toBe(text);
        expect(seededText(text, 'id')).toBe(text);
      }
      expect(seededText('Promo khusus member', 'en')).toBe('Promo khusus member');
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
