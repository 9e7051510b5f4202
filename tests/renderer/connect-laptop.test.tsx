import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { useSession } from '../../src/renderer/features/session/session.store';
import { ClientCore } from '../../src/main/lan/client-core';
import { LanServer } from '../../src/main/lan/server';
import { tlsLinks } from '../../src/main/lan/tls-link';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import type { BrankasApi } from '../../src/shared/api';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';

// A new laptop joins the shop as an extra counter through its setup screen: a real primary Core
// behind the real TLS link on 127.0.0.1, and this window's own ClientCore, as in the app.

let primary: TestCore | undefined;
let server: LanServer | undefined;
let client: ClientCore | undefined;
const folders: { cleanup(): void }[] = [];

afterEach(async () => {
  client?.dispose();
  await server?.stop();
  primary?.cleanup();
  for (const f of folders.splice(0)) f.cleanup();
  useSession.setState({ status: null, lockReason: null, page: 'customers' });
});

/** The window talks to the laptop's own Core, as the preload connects it to main. */
function connectWindow(core: ClientCore): void {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  core.setEventSink((_w, event, payload) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  });
  const api: BrankasApi = {
    invoke: (channel, input) => core.dispatch('w1', channel, structuredClone(input)) as never,
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
  window.brankas = api;
}

describe('Sambungkan ke laptop utama (a real primary over TLS)', () => {
  it('pairs with the address and code, shows the shop’s staff, and says so when the primary goes', async () => {
    server = new LanServer({ interfaces: ['127.0.0.1'], port: 0 });
    primary = makeCore({ lanHost: server });
    await setupShop(primary);
    const status = (await primary.ok('lan:enable', { enabled: true })) as { listening: { port: number } };
    const { code } = await primary.ok('lan:newCode', {});

    const folder = tempDir('brankas-laptop-');
    folders.push(folder);
    client = new ClientCore({ dataDir: folder.dir, keyStore: new MemoryKeyStore(), links: tlsLinks });
    connectWindow(client);
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Sambungkan ke laptop utama' }));

    // Nothing typed: each field says so, nothing is sent.
    await user.click(screen.getByRole('button', { name: 'Sambungkan' }));
    expect(screen.getAllByText('Wajib diisi')).toHaveLength(3);

    await user.type(screen.getByLabelText('Alamat laptop utama'), `127.0.0.1:${status.listening.port}`);
    await user.type(screen.getByLabelText('Kode sambung'), 'AAAAA-AAAAA');
    await user.type(screen.getByLabelText('Nama laptop ini'), 'Kasir 2');
    await user.click(screen.getByRole('button', { name: 'Sambungkan' }));
    // A wrong code: refused with its reason, and what was typed stays.
    await screen.findByText(/Kode pasangan tidak diterima/);
    expect((screen.getByLabelText('Nama laptop ini') as HTMLInputElement).value).toBe('Kasir 2');

    await user.clear(screen.getByLabelText('Kode sambung'));
    await user.type(screen.getByLabelText('Kode sambung'), code);
    await user.click(screen.getByRole('button', { name: 'Sambungkan' }));
    // Paired: the lock screen lists the primary's staff.
    await screen.findByText('Bu Sari', {}, { timeout: 10_000 });
    expect(screen.queryByText(/Laptop utama tidak terhubung/)).toBeNull();

    await server.stop();
    await primary.ok('app:status', {});
    await user.click(screen.getByText('Bu Sari'));
    await waitFor(
      () => expect(screen.getByRole('alert').textContent).toMatch(/Laptop utama tidak terhubung/),
      {
        timeout: 10_000,
      },
    );
  }, 30_000);
});
