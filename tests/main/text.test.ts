import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/main/services/text';

/** The full fold, without the ASCII shortcut: what foldText must always equal. */
const fullFold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['\u2019\u2018\u02bc\u00b4`]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

describe('foldText', () => {
  it('folds case, accents and spacing', () => {
    expect(foldText('  José   MARÍA ')).toBe('jose maria');
    expect(foldText('Siti\tAminah')).toBe('siti aminah');
    expect(foldText('ＡＢＣ')).toBe('abc');
    // Apostrophes in every form are dropped.
    expect(foldText('Nur\u2019aini')).toBe('nuraini');
    expect(foldText("Ma'ruf")).toBe('maruf');
    expect(foldText('Nur\u02bcaini')).toBe('nuraini');
  });

  it('the ASCII shortcut gives exactly the full fold, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => foldText(s) === fullFold(s)),
      {
        numRuns: 2000,
      },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => foldText(s) === fullFold(s)),
      {
        numRuns: 2000,
      },
    );
  });
});
