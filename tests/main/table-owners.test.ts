import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { openVault } from '../../src/main/vault/database';
import { TABLE_OWNERS, TEMP_TABLE_OWNERS, WRITE_EXCEPTIONS } from '../../src/main/vault/table-owners';
import { tempDir } from '../support/fixtures';

const ROOT = join(__dirname, '..', '..', 'src', 'main');
const MIGRATIONS = 'vault/migrations/';
/** Stands for a `${...}` inside a template: a name known only at run time. */
const DYNAMIC = '\u0000';

let cleanup = () => undefined as void;
afterEach(() => cleanup());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Every string and template literal of a file (a template's `${...}` parts as DYNAMIC). */
function literals(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    const line = () => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      out.push({ text: node.text, line: line() });
    } else if (ts.isTemplateExpression(node)) {
      // The inner templates of the `${...}` parts are visited on their own.
      const text = node.head.text + node.templateSpans.map((s) => DYNAMIC + s.literal.text).join('');
      out.push({ text, line: line() });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const NAME = `((?:main\\.|temp\\.)?(?:[A-Za-z_][A-Za-z0-9_]*|${DYNAMIC}))`;
const WRITES: RegExp[] = [
  new RegExp(`\\bINSERT\\s+(?:OR\\s+\\w+\\s+)?INTO\\s+${NAME}`, 'gi'),
  new RegExp(`\\bREPLACE\\s+INTO\\s+${NAME}`, 'gi'),
  new RegExp(`\\bDELETE\\s+FROM\\s+${NAME}`, 'gi'),
  // Not the UPDATE of an upsert (DO UPDATE SET) nor a trigger's event (AFTER UPDATE OF/ON).
  new RegExp(
    `(?<!\\b(?:DO|AFTER|BEFORE|OF)\\s+)\\bUPDATE\\s+(?:OR\\s+\\w+\\s+)?(?!SET\\b|OF\\b|ON\\b)${NAME}`,
    'gi',
  ),
];
const SCHEMA = new RegExp(
  `\\b(?:CREATE|DROP)\\s+(TEMP(?:ORARY)?\\s+)?(?:VIRTUAL\\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?${NAME}|\\bALTER\\s+TABLE\\s+${NAME}`,
  'gi',
);

interface Write {
  file: string;
  line: number;
  table: string;
  kind: 'write' | 'schema';
  temp: boolean;
}

/** Every write and schema statement in the SQL text of src/main (the migrations left out). */
export function writesIn(root: string): Write[] {
  const found: Write[] = [];
  for (const path of sourceFiles(root)) {
    const file = relative(root, path).split(sep).join('/');
    if (file.startsWith(MIGRATIONS)) continue;
    for (const { text, line } of literals(path)) {
      for (const re of WRITES)
        for (const m of text.matchAll(re)) {
          const name = m[1]!.toLowerCase();
          found.push({
            file,
            line,
            table: name === DYNAMIC ? '*' : name.replace(/^(main|temp)\./, ''),
            kind: 'write',
            temp: name.startsWith('temp.'),
          });
        }
      for (const m of text.matchAll(SCHEMA)) {
        const name = (m[2] ?? m[3])!.toLowerCase();
        found.push({
          file,
          line,
          table: name === DYNAMIC ? '*' : name.replace(/^(main|temp)\./, ''),
          kind: 'schema',
          temp: m[1] !== undefined || name.startsWith('temp.'),
        });
      }
    }
  }
  return found;
}

const owners: Record<string, string> = { ...TABLE_OWNERS };
const tempOwners: Record<string, string> = { ...TEMP_TABLE_OWNERS };

/** What the owner rule says of one statement (null: allowed). */
function violation(w: Write): string | null {
  const where = `${w.file}:${w.line}`;
  const excepted = WRITE_EXCEPTIONS.some((e) => e.file === w.file && e.table === w.table);
  if (excepted) return null;
  if (w.table === '*') return `${where}: writes a table named at run time`;
  // A connection's own temp objects (the table and the triggers that fill it) are its owner's.
  if (w.kind === 'schema' && w.temp)
    return Object.values(tempOwners).includes(w.file)
      ? null
      : `${where}: creates temp ${w.table} outside its owner`;
  const tempOwner = tempOwners[w.table];
  if (tempOwner !== undefined)
    return tempOwner === w.file ? null : `${where}: ${w.table} belongs to ${tempOwner}`;
  if (w.kind === 'schema') return `${where}: changes the schema of ${w.table} outside the migrations`;
  const owner = owners[w.table];
  if (owner === undefined) return `${where}: ${w.table} has no owner in vault/table-owners.ts`;
  return owner === w.file ? null : `${where}: writes ${w.table}, which belongs to ${owner}`;
}

describe('one writer per table', () => {
  it('no module writes a table it does not own, nor changes the schema outside the migrations', () => {
    const found = writesIn(ROOT);
    // The scan sees the owners' own writes (a scan that finds nothing proves nothing).
    expect(
      found.filter((w) => w.file === TABLE_OWNERS.customers && w.table === 'customers').length,
    ).toBeGreaterThan(2);
    expect(found.some((w) => w.file === TABLE_OWNERS.meta && w.table === 'meta')).toBe(true);
    expect(found.map(violation).filter((v) => v !== null)).toEqual([]);
  });

  it('the handlers, the router, the core and the edge hold no SQL: they call the services', () => {
    const sql =
      /\b(?:SELECT\s[\s\S]*\bFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|DELETE\s+FROM|UPDATE\s+\S+\s+SET)\b/;
    const found = ['ipc', 'app', 'core'].flatMap((dir) =>
      sourceFiles(join(ROOT, dir)).flatMap((path) =>
        literals(path)
          .filter((l) => sql.test(l.text))
          .map((l) => `${relative(ROOT, path)}:${l.line}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('every table of a migrated vault has an owner, and every owner exists', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = openVault(join(t.dir, 'v.db'), randomBytes(32));
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[]
    )
      // The search index's own shadow tables, written by SQLite through customers_fts.
      .filter((n) => !/^customers_fts_/.test(n));
    db.close();
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((n) => !(n in owners))).toEqual([]);
    expect(Object.keys(owners).filter((n) => n !== 'sqlite_sequence' && !tables.includes(n))).toEqual([]);
    for (const file of [
      ...Object.values(owners),
      ...Object.values(tempOwners),
      ...WRITE_EXCEPTIONS.map((e) => e.file),
    ])
      expect(existsSync(join(ROOT, file)), file).toBe(true);
  });

  it('the scan catches writes however they are spelled, and leaves reads and upserts alone', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const dir = join(t.dir, 'services');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'elsewhere.ts'),
      [
        "db.prepare('SELECT * FROM customers WHERE id = ?');",
        'db.prepare(`update  customers\n SET name = ? WHERE id = ${id}`);',
        "db.exec('INSERT OR IGNORE INTO purchases (id) VALUES (1)');",
        "db.exec('REPLACE INTO main.users (id) VALUES (1)');",
        'db.exec(`DELETE FROM ${table}`);',
        "db.exec('INSERT INTO meta (key, value) VALUES (1, 2) ON CONFLICT(key) DO UPDATE SET value = 2');",
        "db.exec('DROP TABLE IF EXISTS consent_state');",
      ].join('\n'),
    );
    const found = writesIn(t.dir).map((w) => `${w.kind} ${w.table}:${w.line}`);
    expect(found).toEqual([
      'write customers:2',
      'write purchases:4',
      'write users:5',
      'write *:6',
      'write meta:7',
      'schema consent_state:8',
    ]);
  });
});
