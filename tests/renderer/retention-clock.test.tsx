import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { RetentionPage } from '../../src/renderer/features/retention/RetentionPage';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

const DAY = 86_400_000;

describe('the deletion page asks the owner about a clock ahead of the time Brankas saw pass', () => {
  it('shows the prompt when the page opens (no purge needed first); one click confirms and it goes', async () => {
    await t.ok('retention:purge', {});
    // The shop was closed longer than Brankas believes by itself (or the clock was moved).
    t.clock.setWall(t.clock.now() + 20 * DAY);
    expect(await t.ok('retention:purge', {})).toMatchObject({ heldBack: true });
    render(<RetentionPage />);
    const user = userEvent.setup();
    expect(await screen.findByText(/20 hari lebih maju/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Tanggal dan jam sekarang sudah benar' }));
    await screen.findByText(/^Dicatat\./);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Tanggal dan jam sekarang sudah benar' })).toBeNull(),
    );
    const entry = (await t.ok('audit:list', { limit: 5 })).items.find(
      (e) => e.action === 'retention.confirmClock',
    );
    expect(entry).toMatchObject({ outcome: 'ok', detail: { clockAheadDays: 20 } });
  });
});
