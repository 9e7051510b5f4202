import { app, dialog } from 'electron';
import { probeNativeBinding } from '../vault/database';

/**
 * Refuses to start without a loadable Electron build of the SQLCipher module, saying what to do.
 * Both languages: the user's choice lives in the vault's files, which we have not read yet.
 */
export function nativeModuleReady(bindingPath: string): boolean {
  const problem = probeNativeBinding(bindingPath);
  if (problem === 'ok') return true;
  const fix = app.isPackaged
    ? {
        id: 'Pasang ulang Brankas dari installer resminya.',
        en: 'Reinstall Brankas from its official installer.',
      }
    : {
        id: 'Jalankan "npm run native:electron" di folder proyek, lalu "npm start" lagi.',
        en: 'Run "npm run native:electron" in the project folder, then "npm start" again.',
      };
  const what =
    problem === 'missing'
      ? {
          id: 'Modul basis data terenkripsi untuk Electron tidak ditemukan.',
          en: 'The encrypted database module for Electron is missing.',
        }
      : {
          id: 'Modul basis data terenkripsi tidak cocok dengan versi Electron ini.',
          en: 'The encrypted database module does not match this Electron version.',
        };
  dialog.showErrorBox(
    'Brankas tidak dapat dibuka / Brankas cannot start',
    `${what.id} ${fix.id}\n\n${what.en} ${fix.en}\n\n${bindingPath}`,
  );
  return false;
}
