import { AppError } from '../lib/app-error';

/**
 * keyslots.json changes shape the way the vault's schema does: numbered, forward-only steps, each
 * taking the file as the previous format wrote it. A file from a newer app is refused by name
 * (VAULT_TOO_NEW) rather than misread; one with no readable format is CORRUPT.
 */
export interface KeySlotMigration {
  /** The format this step writes; it reads format `to - 1`. */
  to: number;
  up(file: Record<string, unknown>): Record<string, unknown>;
}

/** Append-only; format 1 is the first shipped one, so nothing to upgrade yet. */
export const KEYSLOT_MIGRATIONS: readonly KeySlotMigration[] = [];

const FIRST_FORMAT = 1;

export function currentFormat(migrations: readonly KeySlotMigration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.to), FIRST_FORMAT);
}

/** The format new files are written in. */
export const KEYSLOT_FORMAT = currentFormat(KEYSLOT_MIGRATIONS);

/** Brings a parsed file to the current format; says whether anything changed (then it is written back). */
export function upgradeKeySlotFile(
  raw: unknown,
  migrations: readonly KeySlotMigration[] = KEYSLOT_MIGRATIONS,
): { file: Record<string, unknown>; upgraded: boolean } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AppError('CORRUPT');
  let file = raw as Record<string, unknown>;
  const format = file.format;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) throw new AppError('CORRUPT');
  const latest = currentFormat(migrations);
  if (format > latest) throw new AppError('VAULT_TOO_NEW');
  const steps = migrations.filter((m) => m.to > format).sort((a, b) => a.to - b.to);
  for (const step of steps) file = { ...step.up(file), format: step.to };
  return { file, upgraded: steps.length > 0 };
}
