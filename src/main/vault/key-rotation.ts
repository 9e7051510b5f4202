import type { KeySlotStore, PinSlot, RecoverySlot } from './keyslots';

/**
 * The key slots' side of a key rotation (breach response), in three steps that survive a crash
 * between any two:
 * 1. `prepare`: the owner's slot gets `next` (the new key under the owner's same PIN key) and the
 *    file records the new recovery slot. Both keys now open from the file.
 * 2. The vault is rekeyed (VaultState.rekey in vault-state.ts): a re-encrypted copy is renamed
 *    over the file, so the file is under the old key or the new, never half.
 * 3. `finish`: `next` becomes the slot's key, the new recovery slot replaces the old one, and
 *    slots that could not be rewrapped (cashiers: their PINs are not known) are shut until the
 *    owner sets new PINs.
 * At the next unlock after a crash, whichever key opens the vault decides: the old one means the
 * rekey never happened (`abandon`), the new one that it did (`finish`).
 */
export function prepare(
  slots: KeySlotStore,
  ownerSlotId: string,
  next: { wrapped: NonNullable<PinSlot['next']>; recovery: RecoverySlot },
  now: number,
): void {
  slots.update((f) => {
    for (const s of f.slots) if (s.kind === 'pin') delete s.next;
    const owner = f.slots.find((s) => s.kind === 'pin' && s.id === ownerSlotId);
    if (!owner || owner.kind !== 'pin') return;
    owner.next = next.wrapped;
    f.rotation = { startedAt: now, recovery: next.recovery };
  });
}

/** Step 3. Returns how many active PIN slots were shut (they need a new PIN from the owner). */
export function finish(slots: KeySlotStore): number {
  let shut = 0;
  slots.update((f) => {
    if (!f.rotation) return;
    for (const s of f.slots) {
      if (s.kind !== 'pin') continue;
      if (s.next) {
        s.wrapped = s.next;
        delete s.next;
      } else if (s.wrapped) {
        s.wrapped = null;
        s.disabled = true;
        shut++;
      }
    }
    f.slots = f.slots.filter((s) => s.kind !== 'recovery');
    f.slots.push(f.rotation.recovery);
    delete f.rotation;
  });
  return shut;
}

/** The rekey never happened: forget the new key. */
export function abandon(slots: KeySlotStore): void {
  slots.update((f) => {
    for (const s of f.slots) if (s.kind === 'pin') delete s.next;
    delete f.rotation;
  });
}

export function pending(slots: KeySlotStore): boolean {
  return slots.read().rotation !== undefined;
}
