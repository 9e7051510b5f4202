import { randomUUID } from 'node:crypto';
import type { SessionUser, UserRow } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import type { Clock } from '../ports/ports';
import type { VaultState } from '../vault/vault-state';
import type { AuthService } from './auth.service';
import { deleteUser, getUser, insertUser, listUsers, setUserFlags, toSessionUser } from './users.repo';

/**
 * The owner's staff management. Each operation touches two stores, the users table in the vault
 * and the key slots beside it, and keeps them in step (a user row never outlives a failed slot).
 */
export class UsersService {
  constructor(
    private readonly d: {
      vault: VaultState;
      auth: Pick<AuthService, 'issuePinSlot' | 'disableSlot' | 'lockScreenUsers'>;
      clock: Clock;
    },
  ) {}

  private get db() {
    return this.d.vault.requireDb();
  }

  /** Users with their true sign-in state: an active cashier whose PIN slot is shut shows it. */
  list(): UserRow[] {
    const shut = new Set(
      this.d.auth
        .lockScreenUsers()
        .filter((u) => u.disabled)
        .map((u) => u.id),
    );
    return listUsers(this.db).map((u) => ({ ...u, pinLocked: u.active && shut.has(u.id) }));
  }

  get(id: string): UserRow {
    const user = getUser(this.db, id);
    if (!user) throw new AppError('NOT_FOUND');
    return user;
  }

  sessionUser(id: string): SessionUser {
    return toSessionUser(this.get(id));
  }

  /** A new cashier with an initial PIN they must change at first login. */
  async createCashier(rawName: string, pin: string): Promise<UserRow> {
    const name = rawName.trim();
    const taken = this.list().some((u) => u.active && u.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new AppError('CONFLICT', { fields: ['name'], reason: 'duplicate_name' });
    const user = { id: randomUUID(), name, role: 'cashier' as const, mustChangePin: true };
    insertUser(this.db, user, this.d.clock.now());
    try {
      await this.d.auth.issuePinSlot(user, pin);
    } catch (err) {
      deleteUser(this.db, user.id);
      throw err;
    }
    return this.get(user.id);
  }

  /** A new initial PIN for a cashier (forgotten, or locked out); re-enables a disabled one. */
  async resetPin(userId: string, pin: string): Promise<void> {
    const user = this.get(userId);
    if (user.role !== 'cashier') throw new AppError('FORBIDDEN', { reason: 'owner_uses_change_pin' });
    await this.d.auth.issuePinSlot(user, pin);
    setUserFlags(this.db, user.id, { mustChangePin: true, active: true }, this.d.clock.now());
  }

  /** Removes the cashier's key and marks them inactive; the caller ends their open sessions. */
  disable(userId: string): void {
    const user = this.get(userId);
    if (user.role === 'owner') throw new AppError('FORBIDDEN', { reason: 'cannot_disable_owner' });
    this.d.auth.disableSlot(user.id);
    setUserFlags(this.db, user.id, { active: false }, this.d.clock.now());
  }
}
