/** The second counter as the owner sees it on the primary (the laptop that holds the vault). */
export interface LanStatus {
  /** The owner turned "Kasir tambahan" on (off by default). */
  enabled: boolean;
  /** Where a paired laptop reaches this one, while the server listens; null when it does not. */
  listening: { addresses: string[]; port: number } | null;
  /** The start of this laptop's certificate fingerprint, grouped, for the owner to compare. */
  fingerprint: string | null;
  /** Until when the pairing code shown now is valid (epoch ms); null when none is open. */
  codeOpenUntil: number | null;
}

/** A one-time pairing code, shown once: "ABCDE-FGHJK". */
export interface LanCode {
  code: string;
  expiresAt: number;
  addresses: string[];
  port: number;
}

export interface LanDevice {
  id: string;
  name: string;
  pairedAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}
