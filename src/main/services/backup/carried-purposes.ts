import type { LegalBasis, MarketingChannel } from '../../../shared/domain';
import type { Db } from '../../vault/database';
import { savePurpose } from '../consent.service';

type Row = Record<string, unknown>;

/** What the privacy notice prints of a purpose, and whether the shop still processes for it. */
const PRINTED = ['name', 'description', 'legal_basis', 'channel', 'active'] as const;

/**
 * The purposes the owner changed since the backup: the restored vault holds the same purpose (its
 * id and creation time) but stopped, renamed or on another legal basis. The newer notice told
 * customers the purpose as it is now; a restore that brought back the old one (a stopped purpose
 * active again) would process data the shop promised it no longer does.
 */
export function purposesChanged(db: Db, carried: readonly Row[]): Row[] {
  const have = db.prepare('SELECT * FROM purposes WHERE id = ?');
  return carried.filter((r) => {
    const h = have.get(r.id) as Row | undefined;
    return h !== undefined && h.created_at === r.created_at && PRINTED.some((k) => h[k] !== r[k]);
  });
}

/** Each changed purpose as the owner left it (when they did), so the notice in force describes it. */
export function reapplyPurposeChanges(db: Db, changed: readonly Row[]): void {
  for (const r of changed)
    savePurpose(
      db,
      {
        id: r.id as number,
        name: r.name as string,
        description: r.description as string,
        legalBasis: r.legal_basis as LegalBasis,
        channel: r.channel as MarketingChannel | null,
        active: r.active === 1,
      },
      r.updated_at as number,
    );
}
