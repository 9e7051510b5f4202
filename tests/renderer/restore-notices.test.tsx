import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import type { AppStatus } from '../../src/shared/domain';
import { RestoreNotices } from '../../src/renderer/features/session/RestoreNotices';

const BASE: AppStatus = {
  setupDone: true,
  shopName: 'Toko Maju',
  language: 'id',
  user: null,
  recoveryPending: false,
  recoveryIncident: null,
  keystoreBackend: 'memory',
  keystoreProtected: true,
  usageAlerts: 0,
  restoreOutcome: null,
  restoreLeftovers: null,
  backupDue: false,
  backupError: null,
  requestsDue: null,
  openIncident: null,
  briefingDue: false,
  briefingGate: false,
};
// 2026-11-29 10:00 WIB
const SINCE = Date.UTC(2026, 10, 29, 3, 0, 0);

afterEach(async () => {
  await i18n.changeLanguage('id');
});

describe('RestoreNotices: what a restore left, in Bahasa Indonesia first', () => {
  it('says the old data is still there and until when; nothing when there is none', async () => {
    const { rerender, container } = render(<RestoreNotices status={BASE} />);
    expect(container.textContent).toBe('');
    rerender(<RestoreNotices status={{ ...BASE, restoreLeftovers: { since: SINCE, checkFailed: false } }} />);
    expect(screen.getByText(/masih ada di folder data/).textContent).toMatch(/dibuka dan diperiksa/);
    expect(screen.getByText(/masih ada di folder data/).textContent).toMatch(/2026/);
    rerender(<RestoreNotices status={{ ...BASE, restoreLeftovers: { since: SINCE, checkFailed: true } }} />);
    expect(screen.getByText(/tidak lolos pemeriksaan/)).toBeTruthy();
    await i18n.changeLanguage('en');
    rerender(<RestoreNotices status={{ ...BASE, restoreLeftovers: { since: SINCE, checkFailed: false } }} />);
    expect(screen.getByText(/still in the data folder/)).toBeTruthy();
  });

  it('says a refused marker was ignored and the current data stays', () => {
    render(<RestoreNotices status={{ ...BASE, restoreOutcome: 'marker_rejected' }} />);
    expect(screen.getByText(/tidak dibuat oleh laptop ini/).textContent).toMatch(
      /data yang sekarang tetap dipakai/,
    );
  });
});
