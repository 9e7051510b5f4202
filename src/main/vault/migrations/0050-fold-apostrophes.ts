import { phoneSearchDigits } from '../../services/phone';
import { foldText } from '../../services/text';
import type { Migration } from './index';

/**
 * Names are now folded without apostrophes (foldText), so "nuraini" and "nur'aini" both find
 * Nur’aini. Names stored before keep their old folded form until refolded here, with their
 * search-index entry; the index's old segments are merged by the next purge of remnants.
 */
export const m0050FoldApostrophes: Migration = {
  version: 50,
  name: 'fold-apostrophes',
  up(db) {
    const rows = db
      .prepare(
        `SELECT id, name, phone_e164 FROM customers
         WHERE name GLOB '*[''\`]*' OR instr(name, char(8217)) OR instr(name, char(8216))
            OR instr(name, char(700)) OR instr(name, char(180))`,
      )
      .all() as { id: number; name: string; phone_e164: string | null }[];
    const setNorm = db.prepare('UPDATE customers SET name_norm = ? WHERE id = ?');
    const unindex = db.prepare('DELETE FROM customers_fts WHERE rowid = ?');
    const index = db.prepare('INSERT INTO customers_fts (rowid, name_norm, phone_digits) VALUES (?, ?, ?)');
    for (const r of rows) {
      const norm = foldText(r.name);
      setNorm.run(norm, r.id);
      unindex.run(r.id);
      index.run(r.id, norm, r.phone_e164 ? phoneSearchDigits(r.phone_e164) : '');
    }
    if (rows.length > 0)
      db.prepare(
        "INSERT INTO meta (key, value) VALUES ('search_index_dirty', '1') ON CONFLICT(key) DO UPDATE SET value = '1'",
      ).run();
  },
};
