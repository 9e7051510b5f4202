import type { Result } from '../../shared/errors';
import type { AppStatus, LockReason } from '../../shared/domain';
import type { Language } from '../../shared/language';
import type { EventSink } from '../services/session-lifecycle';
import type { EdgeCore } from '../core/edge-core';
import { ClientCore } from './client-core';
import { PairingStore } from './pairing-store';

/**
 * The Core the edge starts: a paired laptop's ClientCore when the data folder holds a pairing,
 * else the vault's Core. A new laptop that is not set up yet may still become a paired laptop:
 * its first `setup:connect` is answered by a ClientCore on the same folder, which takes over once
 * the pairing is stored (the unused Core is let go; it had written no vault). The other way, an
 * unpaired laptop may set up a shop of its own (see fromClient).
 */
export class PairingSwitch implements EdgeCore {
  private current: EdgeCore;
  private sink: EventSink = () => undefined;

  readonly router = {
    refused: (windowId: string, code: 'UNTRUSTED_FRAME') => this.current.router.refused(windowId, code),
  };

  constructor(
    private readonly d: {
      dataDir: string;
      primary: () => EdgeCore;
      /** Whether the vault's Core is still before setup (no vault, no key slots). */
      setupPending: (core: EdgeCore) => boolean;
      /** With the language the setup screen was in, when it takes over from a Core before setup. */
      client: (language?: Language) => ClientCore;
    },
  ) {
    this.current = PairingStore.present(d.dataDir) ? d.client() : d.primary();
  }

  /** The Core behind the edge now. */
  active(): EdgeCore {
    return this.current;
  }

  async dispatch(windowId: string, channel: unknown, input: unknown): Promise<Result<unknown>> {
    const before = this.current;
    if (before instanceof ClientCore) return this.fromClient(before, windowId, channel, input);
    if (channel !== 'setup:connect' || !this.d.setupPending(before))
      return before.dispatch(windowId, channel, input);
    // The language the new laptop's setup screen was in stays, now kept with the pairing.
    const status = await before.dispatch(windowId, 'app:status', {});
    const client = this.d.client(status.ok ? (status.value as AppStatus).language : undefined);
    client.setEventSink(this.sink);
    const r = await client.dispatch(windowId, channel, input);
    if (r.ok) {
      this.current = client;
      before.dispose();
    } else {
      client.dispose();
    }
    return r;
  }

  /**
   * A laptop that is not (or no longer) paired may be set up as a shop's own primary instead: once
   * unpaired, or when its pairing file cannot be read (it holds nothing usable), a new shop or a
   * restore goes to the vault's Core. A pairing kept by a keystore that is only locked stays.
   */
  private async fromClient(
    client: ClientCore,
    windowId: string,
    channel: unknown,
    input: unknown,
  ): Promise<Result<unknown>> {
    const problem = client.pairingProblem();
    if (
      (channel === 'setup:create' || channel === 'setup:restore') &&
      (problem === 'not_paired' || problem === 'pairing_unreadable')
    ) {
      const forgot = await client.dispatch(windowId, 'lan:forget', {});
      if (!forgot.ok) return forgot;
      this.becomePrimary(client);
      return this.current.dispatch(windowId, channel, input);
    }
    const r = await client.dispatch(windowId, channel, input);
    if (channel === 'lan:forget' && r.ok) this.becomePrimary(client);
    return r;
  }

  private becomePrimary(client: ClientCore): void {
    client.dispose();
    this.current = this.d.primary();
    this.current.setEventSink(this.sink);
  }

  refuse: EdgeCore['refuse'] = (code, details) => this.current.refuse(code, details);

  setEventSink(sink: EventSink): void {
    this.sink = sink;
    this.current.setEventSink(sink);
  }

  lock(windowId: string, reason: LockReason): void {
    this.current.lock(windowId, reason);
  }

  lockAll(reason: LockReason): void {
    this.current.lockAll(reason);
  }

  clockResumed(): void {
    this.current.clockResumed();
  }

  tick(): void {
    this.current.tick();
  }

  beforeQuit(): Promise<void> {
    return this.current.beforeQuit();
  }

  dispose(): void {
    this.current.dispose();
  }
}
