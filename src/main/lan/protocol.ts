/**
 * Two counters, one vault: one laptop (the primary) holds the vault; a paired laptop is a client of
 * the same typed contract over the shop's network, through mutual TLS 1.3 with both certificates
 * pinned. These are the seams between the three parts:
 *  - the link (server.ts / client.ts): TLS, pinning, framing, limits, reconnects; knows no channel;
 *  - the primary's Core (LanBackend): devices, pairing codes, remote sessions, remembered writes;
 *  - the client's Core: forwards every contract call and event, decides nothing, stores nothing
 *    personal.
 */

/** One call from a window on a paired laptop, as the primary receives it. */
export interface RemoteCall {
  /** The paired device, from the certificate it proved in the handshake: never from the message. */
  deviceId: string;
  /** The window on that device (its own label; sessions are per device and window). */
  windowId: string;
  /**
   * Chosen by the client for each call and kept across its retries: the primary remembers the
   * result of a write under (device, requestId), in the write's own transaction, and answers a
   * retry with it instead of writing twice.
   */
  requestId: string;
  channel: unknown;
  input: unknown;
}

/** What a contract call returns, on either side of the link. */
export type Reply =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: string; [k: string]: unknown } };

/** A pairing attempt as the server received it, after the TLS handshake. */
export interface PairAttempt {
  /** Fingerprint of the certificate the new laptop presented in this connection's handshake. */
  clientFingerprint: string;
  /** Fingerprint of the primary's own certificate (what the client saw, if nobody is between). */
  serverFingerprint: string;
  /** The name the owner gave the new laptop ("Kasir 2"). */
  name: string;
  /** pairingProof(key, 'client', serverFp, clientFp), see pairing-proof.ts. */
  proof: string;
}

export type PairResult =
  | { ok: true; deviceId: string; serverProof: string }
  | { ok: false; reason: 'no_code' | 'expired' | 'wrong' | 'used' | 'throttled' };

/** The primary's Core, as the link's server sees it. */
export interface LanBackend {
  /** The paired, not revoked device a certificate belongs to, or null. Cheap: checked per handshake. */
  deviceFor(fingerprint: string): { deviceId: string } | null;
  /** Whether a pairing code is open now: only then may an unpaired certificate finish a handshake. */
  pairingOpen(): boolean;
  pair(attempt: PairAttempt): Promise<PairResult>;
  dispatchRemote(call: RemoteCall): Promise<Reply>;
  /** A remote window went away (closed, disconnected): its session ends as a closed window's does. */
  windowGone(deviceId: string, windowId: string): void;
  /** The device was seen (each accepted connection): for the owner's device list. */
  seen(deviceId: string): void;
  /**
   * A paired laptop's main takes a file the primary handed to one of its windows, or answers what
   * its user did with it (LanFileStep). Only the device the file is for is answered; null when
   * there is no such file waiting (gone, timed out, another device's).
   */
  fileStep(deviceId: string, step: LanFileStep): LanFile | { done: true } | null;
}

/** An event main pushes to a window, with the remote window it is for. */
export interface RemoteEvent {
  deviceId: string;
  windowId: string;
  event: string;
  payload: unknown;
}

/** The link's server, as the primary's Core drives it. */
export interface LanHost {
  /** Listens on the shop's network interfaces only; resolves to the addresses a client may type. */
  start(
    identity: { key: string; cert: string },
    backend: LanBackend,
  ): Promise<{ addresses: string[]; port: number }>;
  stop(): Promise<void>;
  /** Ends every connection of a device at once (revoked, or every device at a breach's containment). */
  cutOff(deviceId: string): void;
  /** Pushes an event to a remote window; false (dropped) if that window is not connected. */
  emit(event: RemoteEvent): boolean;
}

/**
 * Main-to-main, never shown to a window: a remote window's WhatsApp link or copied text, for the
 * paired laptop's main to open or copy there (its own WhatsApp and clipboard, not the primary's).
 */
export const LAN_HANDOFF_EVENT = 'lan:handoff';
export interface LanHandoff {
  mode: 'open' | 'copy';
  text: string;
}

/**
 * Main-to-main, never shown to a window: a file to save or a document to print waits on the
 * primary for one of the paired laptop's windows. The event carries only its id and kind; that
 * laptop's main takes the file itself (the `file` route, bounded like any reply), opens ITS OWN
 * save dialog or PDF printer, and answers what its user did, so the primary records "saved" only
 * when it was.
 */
export const LAN_FILE_EVENT = 'lan:file';
export interface LanFileNotice {
  fileId: string;
}

/** What the paired laptop's main sends on the `file` route. */
export type LanFileStep =
  { fileId: string; step: 'take' } | { fileId: string; step: 'answer'; saved: boolean; failed?: boolean };

/** The file itself, as the paired laptop takes it. */
export type LanFile =
  | { kind: 'save'; windowId: string; name: string; base64: string }
  | { kind: 'print'; windowId: string; name: string; html: string };

/** The bounds of a file handed to a paired laptop. */
export interface LanFileLimits {
  /** The largest file or printable page forwarded (bytes); a larger one is refused at once. */
  maxBytes?: number;
  /** How long the user there may take in the dialog before the call ends with a clear error. */
  timeoutMs?: number;
  /** How long a window whose event stream is reconnecting is waited for before giving up. */
  deliverMs?: number;
}

export const LAN_FILE_LIMITS: Required<LanFileLimits> = {
  // A shop's full export is a few MB; base64 in a reply stays well under the link's 32 MiB cap.
  maxBytes: 16 * 1024 * 1024,
  timeoutMs: 5 * 60_000,
  deliverMs: 1_000,
};
