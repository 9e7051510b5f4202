import type { Migration } from './index';

/**
 * Transparency and customers' rights (UU PDP Art. 5-14, 21, 24, 31).
 *
 * `documents` keeps every version of the generated privacy notice and record of processing: the
 * settings it was generated from and the text as shown then, so an old version stays readable
 * after the app's wording changes. Consent events already record a notice version; vaults that
 * numbered their notice by hand get placeholder rows for those numbers (their text was never
 * stored), and the first generated version follows them.
 *
 * `requests` is the register of customers' requests with their 3 x 24-hour deadline. A request
 * outlives an erased customer (customer_id is set NULL; customer_ref keeps the bare number so the
 * register still reads "#12"), and holds no copy of the customer's data.
 */
export const m0080Rights: Migration = {
  version: 80,
  name: 'rights',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        kind TEXT NOT NULL CHECK (kind IN ('notice', 'record')),
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        inputs TEXT NOT NULL,
        text_id TEXT NOT NULL,
        text_en TEXT NOT NULL,
        touches_consent INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (kind, version)
      ) STRICT;

      CREATE TABLE requests (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('information', 'access', 'correction', 'erasure', 'withdrawal',
          'restriction', 'portability', 'objection')),
        customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
        customer_ref INTEGER,
        requester TEXT,
        details TEXT,
        received_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('in_person', 'whatsapp', 'phone', 'letter')),
        verified_by TEXT NOT NULL REFERENCES users(id),
        verification TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
        action TEXT,
        outcome TEXT,
        closed_at INTEGER,
        closed_by TEXT REFERENCES users(id),
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX requests_open ON requests(status, due_at);
      CREATE INDEX requests_customer ON requests(customer_id) WHERE customer_id IS NOT NULL;
    `);
    const manual = Number(
      (db.prepare("SELECT value FROM meta WHERE key = 'notice_version'").pluck().get() as
        string | undefined) ?? 0,
    );
    const used =
      (db.prepare('SELECT max(notice_version) FROM consent_events').pluck().get() as number | null) ?? 0;
    const placeholder = JSON.stringify({
      title: 'Pemberitahuan privasi',
      subtitle: '',
      sections: [
        {
          title: '',
          paragraphs: [
            'Versi ini diberi nomor secara manual sebelum Brankas membuat pemberitahuan sendiri; teksnya tidak tersimpan di Brankas.',
          ],
        },
      ],
    });
    const placeholderEn = JSON.stringify({
      title: 'Privacy notice',
      subtitle: '',
      sections: [
        {
          title: '',
          paragraphs: [
            'This version was numbered by hand before Brankas generated the notice; its text is not stored in Brankas.',
          ],
        },
      ],
    });
    const insert = db.prepare(
      "INSERT INTO documents (kind, version, created_at, inputs, text_id, text_en) VALUES ('notice', ?, 0, '{}', ?, ?)",
    );
    // Migration 0020 seeded "1" in every vault: a version counts as used only if the owner raised
    // the number or a consent was recorded under it.
    for (let v = 1; v <= Math.max(manual > 1 ? manual : 0, used); v++)
      insert.run(v, placeholder, placeholderEn);
    db.prepare("DELETE FROM meta WHERE key = 'notice_version'").run();
  },
};
