import { app, dialog } from 'electron';
import { LANGUAGES } from '../../shared/language';
import { text } from '../../shared/i18n/text';
import { probeNativeBinding } from '../vault/database';

/**
 * Refuses to start without a loadable Electron build of the SQLCipher module, saying what to do.
 * Both languages: the user's choice lives in the vault's files, which we have not read yet.
 */
export function nativeModuleReady(bindingPath: string): boolean {
  const problem = probeNativeBinding(bindingPath);
  if (problem === 'ok') return true;
  const what = problem === 'missing' ? 'core.startup.missing' : 'core.startup.mismatch';
  const fix = app.isPackaged ? 'core.startup.fixInstalled' : 'core.startup.fixDevelopment';
  dialog.showErrorBox(
    LANGUAGES.map((lang) => text(lang, 'core.startup.title')).join(' / '),
    [...LANGUAGES.map((lang) => `${text(lang, what)} ${text(lang, fix)}`), bindingPath].join('\n\n'),
  );
  return false;
}
