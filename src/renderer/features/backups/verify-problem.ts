/** The words for a backup that did not verify: what is wrong with it, not "damaged" for all. */
const KEYS: Record<string, string> = {
  missing: 'backups.verifyMissing',
  wrong_code: 'backups.verifyWrongCode',
  damaged_salt: 'backups.verifySaltDamaged',
  damaged_header: 'backups.verifyHeaderDamaged',
  not_brankas: 'backups.verifyNotBrankas',
};

export function verifyProblemKey(problem: string | null): string {
  return (problem && KEYS[problem]) || 'backups.verifyBad';
}
