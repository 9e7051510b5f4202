/**
 * Genuine SQLCipher (@journeyapps/sqlcipher), the reference our files must agree with. It is an
 * optional dependency: it publishes no Windows build and declares os darwin/linux, so a required
 * one would stop `npm ci` on Windows. Where it is absent the interop tests skip and say why; on
 * CI (Linux) its absence is a failure, so the interop suite always runs there.
 */
type Sqlcipher = typeof import('@journeyapps/sqlcipher');

async function load(): Promise<{ sqlcipher: Sqlcipher | null; reason: string }> {
  try {
    const mod = (await import('@journeyapps/sqlcipher')) as Sqlcipher & { default?: Sqlcipher };
    return { sqlcipher: mod.default ?? mod, reason: '' };
  } catch (err) {
    const reason = `@journeyapps/sqlcipher is not installed on ${process.platform} (${
      (err as Error).message.split('\n')[0]
    })`;
    if (process.env.BRANKAS_CI_STRICT && process.platform !== 'win32') {
      throw new Error(`${reason}: CI must run the interop tests against genuine SQLCipher.`);
    }
    console.warn(`Interop tests skipped: ${reason}.`);
    return { sqlcipher: null, reason };
  }
}

export const reference = await load();

/** Runs one query on a file with genuine SQLCipher, after an optional key pragma. */
export function genuineQuery(path: string, keyPragma: string | null, sql: string): Promise<unknown[]> {
  const sqlcipher = reference.sqlcipher!;
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(path, sqlcipher.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.serialize(() => {
        if (keyPragma) db.run(keyPragma);
        db.all(sql, (e, rows) => {
          db.close();
          if (e) reject(e);
          else resolve(rows);
        });
      });
    });
  });
}
