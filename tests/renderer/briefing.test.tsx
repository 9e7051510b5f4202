import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { BriefingPage } from '../../src/renderer/features/briefing/BriefingPage';
import { useSession } from '../../src/renderer/features/session/session.store';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
  useSession.setState({ status: null, lockReason: null, page: 'customers' });
});

/** What anyone may do under the default rules, written out from the rules themselves. */
const ALLOWED = new Set([
  'Mengunci layar Brankas setiap kali meninggalkan kasir.',
  'Mencatat hanya data yang diminta formulir.',
  'Menanyakan persetujuan pelanggan untuk setiap tujuan, satu per satu.',
  'Memberi tahu pemilik toko segera bila ada yang salah atau data bocor.',
]);

async function startQuiz() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: /mulai pertanyaan/ }));
  const items = await screen.findAllByRole('group');
  return { user, items };
}

describe('the briefing check', () => {
  it('each action is answered "Boleh" or "Tidak boleh"; a failed try lists the wrong answers with the right one and the rule', async () => {
    render(<BriefingPage />);
    const { user, items } = await startQuiz();
    expect(items).toHaveLength(5);
    expect(screen.queryByText('Aturan toko')).toBeNull();
    let wrong = 0;
    for (const item of items) {
      const statement = item.getAttribute('aria-label')!;
      expect(statement).not.toMatch(/^(Jangan|Tidak boleh|Dilarang)\b/);
      // Everything "Boleh": the not-allowed ones are wrong.
      await user.click(within(item).getByRole('button', { name: 'Boleh' }));
      if (!ALLOWED.has(statement)) wrong++;
    }
    await user.click(screen.getByRole('button', { name: 'Periksa jawaban' }));
    const mistakes = await screen.findByTestId('briefing-mistakes');
    expect(mistakes.textContent).toMatch(new RegExp(`^${wrong} jawaban belum tepat`));
    const listed = within(mistakes).getAllByRole('listitem');
    expect(listed).toHaveLength(wrong);
    for (const li of listed) {
      expect(li.textContent).toMatch(/Jawaban yang benar: Tidak boleh\./);
      expect(li.textContent).toMatch(/Aturannya: /);
    }
    // The rule behind "Memotret layar ..." is the default one about photos.
    const photo = listed.find((li) => /^Memotret layar/.test(li.textContent ?? ''));
    if (photo) expect(photo.textContent).toMatch(/Jangan memotret layar/);
  });

  it('the owner saving new rules stays in the settings; the check waits behind the banner', async () => {
    // She has read the rules once already (her first login).
    const quiz = await t.ok('briefing:quiz', {});
    await t.ok('briefing:answer', { answers: quiz.questions.map((q) => ALLOWED.has(q.text)) });
    useSession.setState({ page: 'settings' });
    render(<App />);
    const user = userEvent.setup();
    const text = await screen.findByLabelText('Aturan data toko (satu per baris)');
    await user.type(text, 'Kunci layar.{Enter}Jangan memotret layar.{Enter}Jangan berbagi data.');
    await user.click(within(screen.getByTestId('briefing-settings')).getByRole('button', { name: 'Simpan' }));
    await screen.findByText(/Kasir membaca aturan baru saat login berikutnya/);
    await waitFor(() => expect(useSession.getState().status?.briefingDue).toBe(true));
    // Still the settings, not the check in front of everything.
    expect(screen.getByTestId('briefing-settings')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /mulai pertanyaan/ })).toBeNull();
    expect(screen.getByText(/Baca arahan data toko dan jawab 5 pertanyaan/)).toBeTruthy();
  });
});
