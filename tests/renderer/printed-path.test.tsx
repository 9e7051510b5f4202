import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPrinter } from '../../src/main/ports/memory-ports';
import { PrintedPath } from '../../src/renderer/features/prints/PrintedPath';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';
import { connect } from './connect';

/** A printer that chooses the place itself, as the dev bridge's does. */
class FolderLike extends MemoryPrinter {
  override async printToPdf(html: string, name: string): Promise<{ saved: boolean; path: string }> {
    await super.printToPdf(html, name);
    return { saved: true, path: `/home/dev/brankas/dev-prints/${name}` };
  }
}

let t: TestCore;
afterEach(() => t?.cleanup());

describe('where a print went, on the dev bridge', () => {
  it('is shown in the app until closed or locked', async () => {
    t = makeCore({ printer: new FolderLike() });
    await setupShop(t);
    connect(t);
    render(<PrintedPath />);
    await t.ok('docs:print', { kind: 'notice' });
    await screen.findByText('/home/dev/brankas/dev-prints/pemberitahuan-privasi-v1.pdf');
    expect(screen.getByRole('status').textContent).toMatch(/^Dokumen cetak disimpan di:/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Tutup' }));
    expect(screen.queryByRole('status')).toBeNull();
    await t.ok('docs:print', { kind: 'notice' });
    await screen.findByRole('status');
    await t.ok('auth:lock', {});
    await expect.poll(() => screen.queryByRole('status')).toBeNull();
  });
});
