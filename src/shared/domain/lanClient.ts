/** A paired laptop: a client of the primary's vault over the shop's network. */

export type LanConnectionState = 'connected' | 'disconnected';

/**
 * Why a laptop set up as a client cannot reach its primary's contract: never paired (or forgotten),
 * its pairing file could not be opened (damaged, edited, sealed by another OS account), or the OS
 * keystore that sealed it is locked right now; or the primary refused it (the owner revoked it).
 */
export type LanClientProblem = 'not_paired' | 'pairing_unreadable' | 'keystore_unavailable' | 'revoked';

/** What the lock screen of a paired laptop knows about its link (in AppStatus.lan). */
export interface LanClientStatus {
  /** The primary answers now. */
  connected: boolean;
  /** null while paired and not refused. */
  problem: LanClientProblem | null;
  /** The name this laptop was paired under ("Kasir 2"), null when not paired. */
  deviceName: string | null;
}

/** What pairing answered: this laptop's id on the primary. */
export interface ConnectResult {
  deviceId: string;
}
