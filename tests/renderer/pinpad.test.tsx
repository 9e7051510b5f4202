import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PinPad } from '../../src/renderer/features/lock/PinPad';

function Harness({ onSubmit }: { onSubmit: (pin: string) => void }) {
  const [pin, setPin] = useState('');
  return (
    <PinPad label="PIN" value={pin} onChange={setPin} onSubmit={() => onSubmit(pin)} submitLabel="Buka" />
  );
}

describe('PinPad', () => {
  it('taps on the pad enter digits, ⌫ deletes, Buka submits', async () => {
    const submit = vi.fn();
    render(<Harness onSubmit={submit} />);
    const user = userEvent.setup();
    for (const d of '2718') await user.click(screen.getByRole('button', { name: d }));
    await user.click(screen.getByRole('button', { name: 'Hapus' }));
    await user.click(screen.getByRole('button', { name: '0' }));
    expect((screen.getByLabelText('PIN', { selector: 'input' }) as HTMLInputElement).value).toBe('2710');
    await user.click(screen.getByRole('button', { name: 'Buka' }));
    expect(submit).toHaveBeenCalledWith('2710');
  });

  it('the keyboard works the same: type and press Enter', async () => {
    const submit = vi.fn();
    render(<Harness onSubmit={submit} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('PIN', { selector: 'input' }), '582914{Enter}');
    expect(submit).toHaveBeenCalledWith('582914');
  });

  it('an empty PIN cannot be submitted', () => {
    const submit = vi.fn();
    render(<Harness onSubmit={submit} />);
    expect((screen.getByRole('button', { name: 'Buka' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByLabelText('PIN', { selector: 'input' }).closest('form')!);
    expect(submit).not.toHaveBeenCalled();
  });

  it('the input hides the digits', () => {
    render(<Harness onSubmit={vi.fn()} />);
    expect(screen.getByLabelText('PIN', { selector: 'input' }).getAttribute('type')).toBe('password');
  });
});
