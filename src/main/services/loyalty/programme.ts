import type { LoyaltyProgramme, LoyaltyReward, LoyaltyStatus } from '../../../shared/domain';
import { LOYALTY_REWARDS_MAX } from '../../../shared/domain';
import { words } from '../../../shared/i18n/text';
import { AppError } from '../../lib/app-error';
import { cachedStatement, type Db } from '../../vault/database';
import { getPurpose, listPurposes, savePurpose } from '../consent.service';
import { getMeta, setMeta } from '../settings.service';
import { shopIsoDay } from '../../../shared/shop-time';
import { appendEntry, balanceOf, expireDue, hasLedger } from './ledger';
import {
  memberNow,
  PROGRAMME_META,
  programmeWithDefaults,
  storedProgramme,
  type StoredProgramme,
} from './purpose';

/**
 * The member programme's settings (meta, through settings.service) and its rewards
 * (loyalty_rewards: this module is their one writer). Turning it on creates, or makes active
 * again, the member purpose with the programme's legal basis, so the notice and the record of
 * processing say it (the channel makes a new notice version).
 */
interface RewardRow {
  id: number;
  name: string;
  cost: number;
  discount: number;
  active: number;
}

const toReward = (r: RewardRow): LoyaltyReward => ({
  id: r.id,
  name: r.name,
  cost: r.cost,
  discount: r.discount,
  active: r.active === 1,
});

export function listRewards(db: Db): LoyaltyReward[] {
  return (
    db
      .prepare('SELECT id, name, cost, discount, active FROM loyalty_rewards ORDER BY id')
      .all() as RewardRow[]
  ).map(toReward);
}

export function rewardById(db: Db, id: number): LoyaltyReward | undefined {
  const r = cachedStatement(
    db,
    'SELECT id, name, cost, discount, active FROM loyalty_rewards WHERE id = ?',
  ).get(id) as RewardRow | undefined;
  return r && toReward(r);
}

export function readProgramme(db: Db): LoyaltyProgramme {
  return { ...storedProgramme(db), rewards: listRewards(db) };
}

export interface ProgrammeInput {
  enabled: boolean;
  mode: LoyaltyProgramme['mode'];
  rupiahPer: number;
  expiryMonths: number | null;
  legalBasis: LoyaltyProgramme['legalBasis'];
  joinProof: LoyaltyProgramme['joinProof'];
  rewards: { id?: number; name: string; cost: number; discount: number; active: boolean }[];
}

/** Saves the programme; returns it and the names (not values) of what changed, for the audit. */
export function saveProgramme(
  db: Db,
  input: ProgrammeInput,
  now: number,
): { programme: LoyaltyProgramme; changed: string[] } {
  return db.transaction(() => {
    const before = readProgramme(db);
    const names = new Set<string>();
    for (const r of input.rewards) {
      const key = r.name.trim().toLocaleLowerCase('id');
      if (names.has(key)) throw new AppError('CONFLICT', { reason: 'reward_name_taken' });
      names.add(key);
    }
    const kept = input.rewards.filter((r) => r.id !== undefined).map((r) => r.id!);
    for (const id of kept)
      if (!rewardById(db, id)) throw new AppError('NOT_FOUND', { reason: 'reward_unknown' });
    // Rewards are hidden, never deleted: a sale that used one still names it.
    const added = input.rewards.filter((r) => r.id === undefined).length;
    if (before.rewards.length + added > LOYALTY_REWARDS_MAX)
      throw new AppError('CONFLICT', { reason: 'rewards_full' });
    for (const r of input.rewards) {
      if (r.id === undefined)
        db.prepare(
          'INSERT INTO loyalty_rewards (name, cost, discount, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(r.name.trim(), r.cost, r.discount, r.active ? 1 : 0, now, now);
      else
        db.prepare(
          `UPDATE loyalty_rewards SET name = ?, cost = ?, discount = ?, active = ?, updated_at = ?
           WHERE id = ? AND (name, cost, discount, active) IS NOT (?, ?, ?, ?)`,
        ).run(
          r.name.trim(),
          r.cost,
          r.discount,
          r.active ? 1 : 0,
          now,
          r.id,
          r.name.trim(),
          r.cost,
          r.discount,
          r.active ? 1 : 0,
        );
    }
    const purposeId =
      input.enabled || before.purposeId !== null ? memberPurpose(db, input, before, now) : null;
    const stored: StoredProgramme = {
      enabled: input.enabled,
      mode: input.mode,
      rupiahPer: input.rupiahPer,
      expiryMonths: input.expiryMonths,
      legalBasis: input.legalBasis,
      joinProof: input.joinProof,
      purposeId,
    };
    setMeta(db, PROGRAMME_META, JSON.stringify(stored));
    const after = readProgramme(db);
    const changed: string[] = (
      ['enabled', 'mode', 'rupiahPer', 'expiryMonths', 'legalBasis', 'joinProof'] as const
    ).filter((k) => before[k] !== after[k]);
    if (JSON.stringify(before.rewards) !== JSON.stringify(after.rewards)) changed.push('rewards');
    return { programme: after, changed };
  })();
}

/**
 * The member purpose follows the programme: made the first time it is turned on (named in the
 * shop's words, which the owner may rewrite like any purpose), active while it is on, with its
 * legal basis; kept, inactive, while it is off, so the consent given to it stays on record.
 */
function memberPurpose(db: Db, input: ProgrammeInput, before: LoyaltyProgramme, now: number): number {
  const seeded = words('id').core.seeded.purposes.member;
  const existing =
    before.purposeId !== null && listPurposes(db).some((p) => p.id === before.purposeId)
      ? getPurpose(db, before.purposeId)
      : null;
  return savePurpose(
    db,
    {
      id: existing?.id,
      name: existing?.name ?? seeded.name,
      description: existing?.description ?? seeded.description,
      legalBasis: input.legalBasis,
      channel: null,
      active: input.enabled,
    },
    now,
  ).id;
}

/**
 * Where a customer stands now: a member is one whose consent to the active member purpose stands,
 * and only an unrestricted member earns or redeems (UU PDP Art. 11: a restricted customer's data
 * is kept, not used). The one rule every sale channel, the quote and the receipt read.
 */
export function standingOf(db: Db, customerId: number): LoyaltyStatus {
  const p = storedProgramme(db);
  const now = memberNow(db, customerId);
  if (!now) throw new AppError('NOT_FOUND');
  const { member, restricted } = now;
  return {
    enabled: p.enabled,
    mode: p.mode,
    member,
    restricted,
    active: member && !restricted,
    balance: balanceOf(db, customerId),
  };
}

/**
 * The owner's adjustment (a gift, a correction) with their reason: a ledger row like any other.
 * Only for an active member (a customer who never joined, withdrew or is restricted has no
 * points to keep), and never below zero.
 */
export function adjustPoints(
  db: Db,
  input: { customerId: number; points: number; reason: string },
  actor: string,
  now: number,
): LoyaltyStatus {
  return db.transaction(() => {
    const standing = standingOf(db, input.customerId);
    if (!standing.enabled) throw new AppError('CONFLICT', { reason: 'loyalty_off' });
    if (standing.restricted) throw new AppError('CONFLICT', { reason: 'loyalty_restricted' });
    if (!standing.member) throw new AppError('CONFLICT', { reason: 'loyalty_not_member' });
    if (standing.balance + input.points < 0)
      throw new AppError('CONFLICT', { reason: 'loyalty_balance_low', fields: ['points'] });
    appendEntry(db, {
      customerId: input.customerId,
      kind: 'adjusted',
      points: input.points,
      reason: input.reason.trim(),
      actor,
      at: now,
    });
    return standingOf(db, input.customerId);
  })();
}

const EXPIRY_DAY_META = 'loyalty_expiry_day';

/**
 * Points expire as the notice states, also while the programme is off: its notice still says the
 * kept points expire N months after they were earned (pausing must not keep them longer).
 */
const expires = (db: Db, p: StoredProgramme): p is StoredProgramme & { expiryMonths: number } =>
  p.expiryMonths !== null && (p.enabled || hasLedger(db));

/** Whether today's expiry (on the shop's calendar) has not run yet. */
export function expiryDue(db: Db, now: number): boolean {
  return expires(db, storedProgramme(db)) && getMeta(db, EXPIRY_DAY_META) !== shopIsoDay(now);
}

/** The day's expiry: what is due expires (ledger rows), once per shop day. */
export function runExpiry(db: Db, now: number): { customers: number; points: number } {
  return db.transaction(() => {
    const p = storedProgramme(db);
    setMeta(db, EXPIRY_DAY_META, shopIsoDay(now));
    return expires(db, p) ? expireDue(db, p.expiryMonths, now) : { customers: 0, points: 0 };
  })();
}

/** The programme as a restore carries it: its settings, its rewards and its purpose's identity. */
export interface CarriedProgramme {
  settings: StoredProgramme;
  rewards: (RewardRow & { created_at: number; updated_at: number })[];
  /** The member purpose's creation time: the restored vault's purpose of that id must be the same one. */
  purposeCreatedAt: number | null;
  /** Its words as the owner left them (absent in a carry made before they travelled). */
  purposeWords?: { name: string; description: string };
}

/** Null for a shop that never set a programme up (the restored vault keeps the backup's). */
export function programmeToCarry(db: Db): CarriedProgramme | null {
  if (getMeta(db, PROGRAMME_META) === undefined) return null;
  const settings = storedProgramme(db);
  const purpose =
    settings.purposeId !== null && listPurposes(db).some((p) => p.id === settings.purposeId)
      ? getPurpose(db, settings.purposeId)
      : null;
  return {
    settings,
    ...(purpose ? { purposeWords: { name: purpose.name, description: purpose.description } } : {}),
    rewards: db.prepare('SELECT * FROM loyalty_rewards ORDER BY id').all() as CarriedProgramme['rewards'],
    purposeCreatedAt:
      settings.purposeId === null
        ? null
        : ((db.prepare('SELECT created_at FROM purposes WHERE id = ?').pluck().get(settings.purposeId) as
            number | undefined) ?? null),
  };
}

/**
 * Whether the carried programme is the restored vault's one: the purpose it names is the same
 * (or, before the carried purposes are in, `absentOk`: one the restore is about to bring).
 */
function carriedPurposeHolds(db: Db, carried: CarriedProgramme, absentOk = false): boolean {
  const id = carried.settings.purposeId;
  if (id === null) return true;
  const have = db.prepare('SELECT created_at FROM purposes WHERE id = ?').pluck().get(id);
  return have === carried.purposeCreatedAt || (absentOk && have === undefined);
}

/**
 * Whether a restore changes the restored vault's programme (the preview counts it): its settings
 * or its rewards differ from the carried ones.
 */
export function programmeDiffers(db: Db, carried: CarriedProgramme | null | undefined): boolean {
  if (!carried || !carriedPurposeHolds(db, carried, true)) return false;
  const rewards = (rs: RewardRow[]) =>
    JSON.stringify(rs.map((r) => [r.id, r.name, r.cost, r.discount, r.active]));
  return (
    // A carry made before a setting existed holds its default, as the backup's vault reads it.
    JSON.stringify(storedProgramme(db)) !== JSON.stringify(programmeWithDefaults(carried.settings)) ||
    rewards(db.prepare('SELECT * FROM loyalty_rewards ORDER BY id').all() as RewardRow[]) !==
      rewards(carried.rewards)
  );
}

/**
 * A restore: the programme the owner runs now is the one the restored vault runs (its settings
 * are a decision, and the notice versions carried with the restore state it), with its rewards
 * and its member purpose as they are now, so that the consent to that purpose carried with it
 * still means membership and turning it on again makes no second purpose. Runs after the carried
 * purposes are in; a programme whose purpose the restored vault holds as another one (another
 * shop's backup) is left as the backup had it.
 */
export function reapplyProgramme(db: Db, carried: CarriedProgramme | null | undefined, now: number): void {
  if (!carried || !carriedPurposeHolds(db, carried)) return;
  const find = db.prepare('SELECT created_at FROM loyalty_rewards WHERE id = ?').pluck();
  for (const r of carried.rewards) {
    const have = find.get(r.id) as number | undefined;
    if (have === r.created_at)
      db.prepare(
        'UPDATE loyalty_rewards SET name = ?, cost = ?, discount = ?, active = ?, updated_at = ? WHERE id = ?',
      ).run(r.name, r.cost, r.discount, r.active, r.updated_at, r.id);
    else if (have === undefined)
      db.prepare(
        'INSERT INTO loyalty_rewards (id, name, cost, discount, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(r.id, r.name, r.cost, r.discount, r.active, r.created_at, r.updated_at);
  }
  const p = carried.settings;
  if (p.purposeId !== null) {
    const purpose = getPurpose(db, p.purposeId);
    // The member purpose is switched and based only through the programme: it follows it, in the
    // words the owner gave it since.
    const wanted = { ...purpose, ...carried.purposeWords, active: p.enabled, legalBasis: p.legalBasis };
    if ((['name', 'description', 'active', 'legalBasis'] as const).some((k) => purpose[k] !== wanted[k]))
      savePurpose(db, wanted, now);
  }
  setMeta(db, PROGRAMME_META, JSON.stringify(p));
}
