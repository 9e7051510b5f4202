import type { Db } from '../../vault/database';
import { appendEntry, balanceOf, saleRowsStanding } from './ledger';

/**
 * The owner's point adjustments (a gift, a correction, each with its reason) as a restore carries
 * them: they are the owner's decisions about what the shop owes a member, like a void is a
 * correction of the books, so the restored ledger keeps those made since the backup. An
 * adjustment that would take a member below zero in the restored ledger (it took back points of
 * sales the restore undoes) cannot stand: it is left out, and the preview says so.
 */
export interface CarriedAdjustment {
  customer_id: number;
  /** The customer's creation time: the restored vault's customer of that id must be the same one. */
  customer_created_at: number;
  points: number;
  reason: string | null;
  recorded_by: string | null;
  at: number;
}

/** Every adjustment in the ledger now (a member who left or was erased has none left to carry). */
export function adjustmentsToCarry(db: Db): CarriedAdjustment[] {
  return db
    .prepare(
      `SELECT l.customer_id, c.created_at AS customer_created_at, l.points, l.reason, l.recorded_by, l.at
       FROM loyalty_ledger l JOIN customers c ON c.id = l.customer_id
       WHERE l.kind = 'adjusted' ORDER BY l.at, l.id`,
    )
    .all() as CarriedAdjustment[];
}

type Row = Record<string, unknown>;

/** What the rest of the restore does to the points, around the adjustments. */
export interface LedgerEffects {
  /** Whether the restored vault holds this customer as the carry knew them (and not erased). */
  live: (customerId: number, createdAt: number) => boolean;
  /** Corrected sales put back, in order (`corrects` may name another one put back). */
  saleCorrections: Row[];
  /** The points those corrections earned or redeemed (`purchase_id` is the carried sale's id). */
  correctionPoints: Row[];
  /**
   * Sales voided again, in the order they were voided: a restored sale (same id and creation time)
   * or a correction put back.
   */
  voids: Row[];
  /** Consent events carried: an end of membership empties the member's ledger. */
  consent: Row[];
  memberPurposeId: number | null;
}

export interface AdjustmentPlan {
  /** The carried adjustments the restored ledger lacks, in the order they were made. */
  missing: CarriedAdjustment[];
  /** Members whose ledger a carried end of membership empties: theirs go in after it. */
  leaving: number[];
  applied: number;
  /** Those that would take the member below zero, so do not go in. */
  undone: number;
}

/** A member's points as the replay sees them: the restored ledger, or the preview's reckoning. */
interface Points {
  balance(customerId: number): number;
  add(a: CarriedAdjustment): void;
}

/**
 * Puts the adjustments back in the order they were made, between the voids the restore replays
 * (a void takes back only what the member still has, so what came before it must be in first);
 * those of a member whose membership ended since go in after that end, which empties the ledger.
 * One the balance cannot cover does not go in.
 */
export class AdjustmentReplay {
  applied = 0;
  undone = 0;
  private next = 0;
  private readonly leaving: Set<number>;
  private readonly held: CarriedAdjustment[] = [];

  constructor(
    private readonly points: Points,
    private readonly plan: Pick<AdjustmentPlan, 'missing' | 'leaving'>,
  ) {
    this.leaving = new Set(plan.leaving);
  }

  /** The adjustments made before `at`. */
  until(at: number): void {
    const { missing } = this.plan;
    for (; this.next < missing.length && missing[this.next]!.at < at; this.next++) {
      const a = missing[this.next]!;
      if (this.leaving.has(a.customer_id)) this.held.push(a);
      else this.put(a);
    }
  }

  /** Everything not in yet (after the carried consent events). */
  rest(): void {
    this.until(Infinity);
    for (const a of this.held.splice(0)) this.put(a);
  }

  private put(a: CarriedAdjustment): void {
    if (this.points.balance(a.customer_id) + a.points < 0) this.undone++;
    else {
      this.points.add(a);
      this.applied++;
    }
  }
}

/**
 * Which carried adjustments the restored ledger lacks, and how many of them stand: the restore is
 * played over each member's balance (the corrections' points in, the voided sales' points out,
 * down to zero, a carried end of membership emptying it) with the adjustments where they were made.
 */
export function planAdjustments(
  db: Db,
  carried: readonly CarriedAdjustment[],
  e: LedgerEffects,
): AdjustmentPlan {
  const has = db.prepare(
    `SELECT 1 FROM loyalty_ledger WHERE customer_id = ? AND kind = 'adjusted' AND points = ? AND at = ?
       AND reason IS ?`,
  );
  const missing = carried.filter(
    (a) => e.live(a.customer_id, a.customer_created_at) && !has.get(a.customer_id, a.points, a.at, a.reason),
  );
  const members = new Set(missing.map((a) => a.customer_id));
  const leaving = [
    ...new Set(
      e.consent
        .filter((c) => c.action !== 'granted' && c.purpose_id === e.memberPurposeId)
        .map((c) => c.customer_id as number)
        .filter((id) => members.has(id)),
    ),
  ];
  const plan: AdjustmentPlan = { missing, leaving, applied: 0, undone: 0 };
  if (!missing.length) return plan;
  const balances = new Map([...members].map((id) => [id, balanceOf(db, id)]));
  // As reapplying them does: a credit adds, a debit stops at zero.
  const apply = (customerId: number | null | undefined, points: number) => {
    const b = customerId == null ? undefined : balances.get(customerId);
    if (b !== undefined) balances.set(customerId!, points < 0 ? Math.max(0, b + points) : b + points);
  };
  const replay = new AdjustmentReplay(
    {
      balance: (id) => balances.get(id)!,
      add: (a) => apply(a.customer_id, a.points),
    },
    plan,
  );
  const ownerOf = db.prepare('SELECT customer_id FROM purchases WHERE id = ?').pluck();
  const createdAt = db.prepare('SELECT created_at FROM purchases WHERE id = ?').pluck();
  const owners = new Map<unknown, number | null>();
  const pointsOf = new Map<unknown, Row[]>();
  for (const c of e.saleCorrections) {
    const owner = owners.has(c.corrects)
      ? owners.get(c.corrects)!
      : ((ownerOf.get(c.corrects) as number | null | undefined) ?? null);
    owners.set(c.id, owner);
    const rows = e.correctionPoints.filter((p) => p.purchase_id === c.id);
    pointsOf.set(c.id, rows);
    for (const r of rows) apply(owner, r.points as number);
  }
  for (const v of e.voids) {
    replay.until(v.voided_at as number);
    if (createdAt.get(v.id) === v.created_at) {
      for (const r of saleRowsStanding(db, v.id as number)) apply(r.customer_id, -r.points);
    } else {
      const rows = [...(pointsOf.get(v.id) ?? [])].sort((a, b) =>
        a.kind === b.kind ? 0 : a.kind === 'redeemed' ? -1 : 1,
      );
      for (const r of rows) apply(owners.get(v.id), -(r.points as number));
    }
  }
  for (const id of leaving) balances.set(id, 0);
  replay.rest();
  return { ...plan, applied: replay.applied, undone: replay.undone };
}

/** The replay on the restored vault's own ledger. */
export function adjustmentReplay(
  db: Db,
  plan: Pick<AdjustmentPlan, 'missing' | 'leaving'>,
): AdjustmentReplay {
  const user = db.prepare('SELECT 1 FROM users WHERE id = ?');
  return new AdjustmentReplay(
    {
      balance: (id) => balanceOf(db, id),
      add: (a) =>
        appendEntry(db, {
          customerId: a.customer_id,
          kind: 'adjusted',
          points: a.points,
          reason: a.reason,
          actor: a.recorded_by !== null && user.get(a.recorded_by) ? a.recorded_by : null,
          at: a.at,
        }),
    },
    plan,
  );
}
