import type { ImportMapping, ImportTarget, OptionalField } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Db } from '../../vault/database';
import { assertMemberGrantProven } from '../consent.service';
import { enabledFields } from '../fields.service';
import { suggestMapping } from './mapping';

/** A field the shop has switched off (never the name or a consent column). */
const switchedOff = (t: ImportTarget, enabled: ReadonlySet<OptionalField>): t is OptionalField =>
  t !== 'name' && !t.startsWith('consent_') && !enabled.has(t as OptionalField);

/**
 * The suggested mapping: fields the shop does not collect are left out (named in the preview,
 * so the owner can switch one on), and the app's own export headers for consent are known.
 */
export function suggestForShop(
  db: Db,
  headers: string[],
): { mapping: ImportMapping; offFields: OptionalField[] } {
  const enabled = enabledFields(db);
  const purposeHeaders: Partial<Record<ImportTarget, string[]>> = {};
  for (const p of db.prepare('SELECT name, channel FROM purposes WHERE channel IS NOT NULL').all() as {
    name: string;
    channel: 'whatsapp' | 'sms_email';
  }[]) {
    const target: ImportTarget = p.channel === 'whatsapp' ? 'consent_whatsapp' : 'consent_sms_email';
    (purposeHeaders[target] ??= []).push(`persetujuan:${p.name}`);
  }
  const all = suggestMapping(headers, { purposeHeaders });
  const offFields = (Object.keys(all) as ImportTarget[]).filter((t) => switchedOff(t, enabled));
  const mapping = { ...all };
  for (const f of offFields) delete mapping[f];
  return { mapping, offFields };
}

/** Consent column -> purpose id: the first active consent purpose on that channel. */
export function consentPurposes(db: Db, mapping: ImportMapping): Record<number, number> {
  const byChannel = (channel: string) =>
    (
      db
        .prepare(
          "SELECT id FROM purposes WHERE channel = ? AND active = 1 AND legal_basis = 'consent' ORDER BY id LIMIT 1",
        )
        .get(channel) as { id: number } | undefined
    )?.id;
  const out: Record<number, number> = {};
  if (mapping.consent_whatsapp !== undefined) {
    const id = byChannel('whatsapp');
    if (id === undefined) throw new AppError('VALIDATION', { fields: ['consent_whatsapp'] });
    out[0] = id;
  }
  if (mapping.consent_sms_email !== undefined) {
    const id = byChannel('sms_email');
    if (id === undefined) throw new AppError('VALIDATION', { fields: ['consent_sms_email'] });
    out[1] = id;
  }
  // A column would grant the member purpose only if it had a channel (the programme keeps it
  // without one); should it ever, a spreadsheet is not the customer's own message either.
  for (const id of Object.values(out)) assertMemberGrantProven(db, { purposeId: id, method: 'import' });
  return out;
}

/** The mapping against the file's columns and the shop's current field and purpose choices (cheap). */
export function validateMapping(db: Db, headers: readonly string[], mapping: ImportMapping): void {
  if (mapping.name === undefined)
    throw new AppError('BAD_FILE', { reason: 'no_name_column', fields: ['name'] });
  const targets = Object.entries(mapping) as [ImportTarget, number][];
  const outOfRange = targets.filter(([, col]) => col >= headers.length).map(([t]) => t);
  if (outOfRange.length) throw new AppError('VALIDATION', { fields: outOfRange });
  const enabled = enabledFields(db);
  const disabled = targets.map(([t]) => t).filter((t) => switchedOff(t, enabled));
  if (disabled.length) throw new AppError('FIELD_DISABLED', { fields: disabled });
  consentPurposes(db, mapping);
}
