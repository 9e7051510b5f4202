import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockScreen } from '../../src/renderer/features/lock/LockScreen';
import { useSession } from '../../src/renderer/features/session/session.store';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';
import { connect } from './connect';

let t: TestCore;
beforeEach(async () => {
  t = makeCore();
  await setupShop(t);
  await t.ok('auth:lock', {});
  connect(t);
  await useSession.getState().refresh();
});
afterEach(() => t.cleanup());

describe('lock screen after too many wrong PINs', () => {
  it('counts the wait down and rests the keypad until it is over', async () => {
    render(<LockScreen />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Andi/ }));
    const input = () => screen.getByLabelText(/Masukkan PIN untuk Andi/, { selector: 'input' });
    for (let i = 0; i < 5; i++) {
      await user.type(input(), '999111{Enter}');
      await screen.findByRole('alert');
    }
    const alert = await screen.findByText(/Coba lagi dalam \d+ detik/);
    const first = Number(/(\d+) detik/.exec(alert.textContent ?? '')![1]);
    expect(first).toBeGreaterThan(0);
    expect((screen.getByRole('button', { name: '5' }) as HTMLButtonElement).disabled).toBe(true);
    expect((input() as HTMLInputElement).disabled).toBe(true);
    // The seconds go down as time passes.
    await act(() => new Promise((r) => setTimeout(r, 1300)));
    const later = Number(/(\d+) detik/.exec(screen.getByText(/Coba lagi dalam/).textContent ?? '')![1]);
    expect(later).toBeLessThan(first);
  });
});
