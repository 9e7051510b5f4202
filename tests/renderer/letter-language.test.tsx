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

describe("each letter in the customer's language, picked beside its print button", () => {
  it('the access report and the answer print in the language picked; the screen stays Indonesian', async () => {
    const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
    await t.ok('requests:create', {
      type: 'access',
      customerId: siti.id,
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    await useSession.getState().refresh();
    render(<PrivacyPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Permintaan' }));
    await user.click(await screen.findByRole('button', { name: /#1 .*Siti Aminah/ }));
    const picker = await screen.findByLabelText('Bahasa surat');
    // The screen's language until the owner picks another.
    expect((picker as HTMLSelectElement).value).toBe('id');
    await user.selectOptions(picker, 'English');
    await user.click(screen.getByRole('button', { name: 'Cetak laporan data (PDF)' }));
    await waitFor(() => expect(t.printer.printed).toHaveLength(1));
    expect(t.printer.printed[0]!.html).toContain('<html lang="en">');
    expect(t.printer.printed[0]!.html).toContain('Your personal data at Toko Maju');
    // The screen did not change language.
    expect(screen.getByRole('tab', { name: 'Permintaan' })).toBeTruthy();

    // Done: it moved to the closed requests.
    await user.click(screen.getByRole('button', { name: /^Selesai$/ }));
    const row = await screen.findByRole('button', { name: /#1 .*Siti Aminah/ });
    if (row.getAttribute('aria-expanded') !== 'true') await user.click(row);
    // The choice holds for this customer's answer too; back to Indonesian prints Indonesian.
    const answerPicker = await screen.findByLabelText('Bahasa surat');
    expect((answerPicker as HTMLSelectElement).value).toBe('en');
    await user.click(screen.getByRole('button', { name: 'Cetak jawaban (PDF)' }));
    await waitFor(() => expect(t.printer.printed).toHaveLength(2));
    expect(t.printer.printed[1]!.html).toContain('the answer to your request');
    await user.selectOptions(answerPicker, 'Bahasa Indonesia');
    await user.click(screen.getByRole('button', { name: 'Cetak jawaban (PDF)' }));
    await waitFor(() => expect(t.printer.printed).toHaveLength(3));
    expect(t.printer.printed[2]!.html).toContain('jawaban atas permintaan Anda');
  });
});
