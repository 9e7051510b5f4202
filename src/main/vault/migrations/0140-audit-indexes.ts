import type { Migration } from './index';

/**
 * The audit log is read by its target (a customer's record of processing, the access report, the
 * viewer's customer filter, the health screen's PIN ages) and by its action (the viewer's action
 * filter and list, the health screen): without these indexes each of those reads walked the
 * whole log, seconds at a few hundred thousand entries. The target index holds the id (pages in
 * order, from any entry on), the action and the time (a customer's entries are the customer
 * actions on their id made since their creation, so counting and filtering them never reads the
 * table).
 */
export const m0140AuditIndexes: Migration = {
  version: 140,
  name: 'audit-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX audit_log_target ON audit_log(target, id, action, at);
      CREATE INDEX audit_log_action ON audit_log(action);
    `);
  },
};
