import type { SessionUser, UserRow } from '../../shared/domain';
import type { Role } from '../../shared/roles';
import type { Db } from '../vault/database';

/** The users table's one writer (vault/table-owners.ts): the users and auth services and a restore call it. */

interface DbUser {
  id: string;
  name: string;
  role: Role;
  active: number;
  must_change_pin: number;
  created_at: number;
}

function toRow(u: DbUser): UserRow {
  return {
    id: u.id,
    name: u.name,
    role: u.role,
    active: u.active === 1,
    mustChangePin: u.must_change_pin === 1,
    createdAt: u.created_at,
    // Known to the key slots, not the vault: UsersService.list fills it in.
    pinLocked: false,
  };
}

export function getUser(db: Db, id: string): UserRow | undefined {
  const u = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as DbUser | undefined;
  return u ? toRow(u) : undefined;
}

/** Whether the user is the owner (an unknown id is not): services that give the owner more ask this. */
/** The shop's first owner who is active (the one whose PIN a device change re-seals). */
export function firstActiveOwner(db: Db): UserRow | undefined {
  const id = db
    .prepare("SELECT id FROM users WHERE role = 'owner' AND active = 1 ORDER BY created_at LIMIT 1")
    .pluck()
    .get() as string | undefined;
  return id === undefined ? undefined : getUser(db, id);
}

export function isOwner(db: Db, id: string): boolean {
  return getUser(db, id)?.role === 'owner';
}

export function listUsers(db: Db): UserRow[] {
  return (db.prepare("SELECT * FROM users ORDER BY role = 'cashier', name").all() as DbUser[]).map(toRow);
}

export function insertUser(
  db: Db,
  u: { id: string; name: string; role: Role; mustChangePin: boolean },
  now: number,
): void {
  db.prepare(
    `INSERT INTO users (id, name, role, active, must_change_pin, created_at, updated_at)
     VALUES (?, ?, ?, 1, ?, ?, ?)`,
  ).run(u.id, u.name, u.role, u.mustChangePin ? 1 : 0, now, now);
}

export function toSessionUser(u: UserRow): SessionUser {
  return { id: u.id, name: u.name, role: u.role, mustChangePin: u.mustChangePin };
}

export function deleteUser(db: Db, id: string): void {
  db.prepare('DELETE FROM users WHERE id = ?').run(id);
}

/** Sets the flags the owner controls; only the given ones change. */
export function setUserFlags(
  db: Db,
  id: string,
  flags: { active?: boolean; mustChangePin?: boolean },
  now: number,
): void {
  db.prepare(
    `UPDATE users SET active = coalesce(?, active), must_change_pin = coalesce(?, must_change_pin),
       updated_at = ? WHERE id = ?`,
  ).run(
    flags.active === undefined ? null : Number(flags.active),
    flags.mustChangePin === undefined ? null : Number(flags.mustChangePin),
    now,
    id,
  );
}

/** A restore re-applies a staff member removed since the backup: kept (the log names them), without a login. */
export function reapplyUserRemoved(db: Db, id: string): void {
  db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(id);
}
