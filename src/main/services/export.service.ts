import { text, words } from '../../shared/i18n/text';
import { shopCsv } from './csv';
import type { Db } from '../vault/database';
import { listPurposes } from './consent.service';
import { getCustomer } from './customers.service';
import { enabledFields } from './fields.service';
import { listPurchases } from './purchases.service';

/**
 * Everything held on every customer, machine-readable (UU PDP Art. 13 portability at shop scale).
 * Built in memory and handed to the save dialog: nothing passes through a temp file.
 */
export function exportCustomers(db: Db, format: 'csv' | 'json'): { data: string; count: number } {
  const ids = (db.prepare('SELECT id FROM customers ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const purposes = listPurposes(db);
  const enabled = enabledFields(db);
  if (format === 'json') {
    const customers = ids.map((id) => {
      const c = getCustomer(db, id, enabled);
      const purchases = listPurchases(db, id, 0, 1_000_000);
      return { ...c, purchases: purchases.items };
    });
    return {
      data: JSON.stringify({ exportedAt: new Date().toISOString(), purposes, customers }, null, 2),
      count: ids.length,
    };
  }
  // The file's column names and values are Indonesian whatever the app's language (see the catalogue).
  const w = words('id').core.customerCsv;
  const header = [
    ...w.columns,
    ...purposes.map((p) => text('id', 'core.customerCsv.consent', { purpose: p.name })),
    ...w.dates,
  ];
  const rows = ids.map((id) => {
    const c = getCustomer(db, id, enabled);
    const consent = new Map(c.consents.map((s) => [s.purposeId, s.granted]));
    return [
      c.id,
      c.name,
      c.phone,
      c.email,
      c.address,
      c.birthday,
      c.gender,
      c.notes,
      c.tags.join(', '),
      c.isMinor ? w.yes : w.no,
      c.guardianName,
      c.restricted ? w.yes : w.no,
      ...purposes.map((p) => (consent.has(p.id) ? (consent.get(p.id) ? w.yes : w.withdrawn) : '')),
      new Date(c.createdAt).toISOString(),
      new Date(c.lastActivityAt).toISOString(),
    ];
  });
  return { data: shopCsv([header, ...rows]), count: ids.length };
}
