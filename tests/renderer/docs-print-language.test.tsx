import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { PrivacyPage } from '../../src/renderer/features/privacy/PrivacyPage';
import { useSession } from '../../src/renderer/features/session/session.store';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

describe('the language of each printed document, next to the print buttons', () => {
  it('prints in the screen language until the owner picks the other one for this print', async () => {
    await useSession.getState().refresh();
    render(<PrivacyPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Pemberitahuan privasi' }));
    await screen.findByTestId('doc');
    const picker = screen.getByRole('combobox', { name: 'Bahasa cetakan' });
    expect((picker as HTMLSelectElement).value).toBe('id');

    await user.click(screen.getByRole('button', { name: 'Cetak poster kasir (PDF)' }));
    await waitFor(() => expect(t.printer.printed).toHaveLength(1));
    expect(t.printer.printed[0]!.html).toContain('Data Anda di Toko Maju');

    await user.selectOptions(picker, 'en');
    await user.click(screen.getByRole('button', { name: 'Cetak A4 (PDF)' }));
    await waitFor(() => expect(t.printer.printed).toHaveLength(2));
    expect(t.printer.printed[1]!.html).toContain('Privacy notice — Toko Maju');
    expect(t.printer.printed[1]!.name).toMatch(/-en\.pdf$/);
    // The screen stays in Bahasa Indonesia.
    expect(screen.getByTestId('doc').textContent).toContain('Pemberitahuan privasi — Toko Maju');

    await user.click(screen.getByRole('tab', { name: 'Catatan pemrosesan' }));
    await screen.findByText(/Catatan kegiatan pemrosesan — Toko Maju/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Bahasa cetakan' }), 'en');
    await user.click(screen.getByRole('button', { name: 'Cetak (PDF)' }));
    await waitFor(() => expect(t.printer.printed).toHaveLength(3));
    expect(t.printer.printed[2]!.html).toContain('Record of processing — Toko Maju');
  });
});
