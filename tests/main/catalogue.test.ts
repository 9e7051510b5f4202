import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/shared/i18n/catalogue';
import { text } from '../../src/shared/i18n/text';

/**
 * One catalogue holds every word the app shows, prints or sends. These checks read the catalogue
 * and the sources: both languages say the same things with the same placeholders, every key the
 * code names exists, and no text in two languages lives anywhere else.
 */
const root = join(__dirname, '..', '..');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | string[] | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'string' || Array.isArray(value)) out.set(path, value);
    else for (const [k, v] of leaves(value, `${path}.`)) out.set(k, v);
  }
  return out;
}

const id = leaves(catalogue.id as unknown as Tree);
const en = leaves(catalogue.en as unknown as Tree);

/**
 * The {{name}} placeholders a text fills in. Nested texts ($t(counts.x)) may differ: English
 * nests its plural nouns where Bahasa Indonesia, which does not inflect, writes the number.
 */
function slots(value: string | string[]): string[] {
  const all = (Array.isArray(value) ? value : [value]).join('\n');
  return [...new Set([...all.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

describe('the catalogue in both languages', () => {
  it('has exactly the same keys in Bahasa Indonesia and English', () => {
    const onlyId = [...id.keys()].filter((k) => !en.has(k));
    const onlyEn = [...en.keys()].filter((k) => !id.has(k));
    expect({ onlyId, onlyEn }).toEqual({ onlyId: [], onlyEn: [] });
  });

  it('fills the same placeholders in both languages and leaves no text empty', () => {
    const problems: string[] = [];
    for (const [key, value] of id) {
      const other = en.get(key);
      if (other === undefined) continue;
      if (JSON.stringify(slots(value)) !== JSON.stringify(slots(other))) {
        problems.push(`${key}: ${slots(value).join(',')} / ${slots(other).join(',')}`);
      }
      if (
        Array.isArray(value) !== Array.isArray(other) ||
        (Array.isArray(value) && value.length !== other.length)
      ) {
        problems.push(`${key}: lists differ in length`);
      }
      for (const [lang, v] of [
        ['id', value],
        ['en', other],
      ] as const) {
        if ((Array.isArray(v) ? v : [v]).some((s) => s.trim() === ''))
          problems.push(`${key}: empty in ${lang}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives English both plural forms wherever a text is counted', () => {
    const bases = new Set([...en.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    const missing = [...bases].filter((b) => !en.has(`${b}_one`) || !en.has(`${b}_other`));
    expect(missing).toEqual([]);
  });

  it('answers from the catalogue and refuses a key it does not have', () => {
    expect(text('en', 'counts.customers', { count: 1 })).toBe('1 customer');
    expect(text('en', 'counts.customers', { count: 3 })).toBe('3 customers');
    expect(text('id', 'counts.customers', { count: 3 })).toBe('3 pelanggan');
    expect(() => text('en', 'counts.nothingHere' as never)).toThrow(/no text/);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function parse(path: string): ts.SourceFile {
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const catalogueDir = join(root, 'src', 'shared', 'i18n');
const sources = sourceFiles(join(root, 'src')).filter((p) => !p.startsWith(catalogueDir));

/** The key argument of a call that reads the catalogue: t('k'), i18next.t('k'), text(lang, 'k'). */
function keyArgument(call: ts.CallExpression): ts.Expression | undefined {
  const callee = call.expression;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : '';
  if (name === 't') return call.arguments[0];
  if (name === 'text' && call.arguments.length >= 2) return call.arguments[1];
  return undefined;
}

const groups = new Set(
  [...id.keys()].flatMap((k) => k.split('.').map((_, i, parts) => parts.slice(0, i).join('.') + '.')),
);

describe('the code and the catalogue', () => {
  it('names only keys the catalogue has', () => {
    const missing: string[] = [];
    for (const path of sources) {
      walk(parse(path), (node) => {
        if (!ts.isCallExpression(node)) return;
        const arg = keyArgument(node);
        if (!arg) return;
        const where = `${relative(root, path)}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
          const key = arg.text;
          if (!/^[\w]+(\.[\w]+)+$/.test(key)) return;
          if (!id.has(key) && !id.has(`${key}_other`)) missing.push(`${where} ${key}`);
        } else if (ts.isTemplateExpression(arg)) {
          // A computed key: its fixed start must at least be a group the catalogue has.
          const head = arg.head.text;
          if (head.includes('.') && !groups.has(head.slice(0, head.lastIndexOf('.') + 1))) {
            missing.push(`${where} ${head}…`);
          }
        }
      });
    }
    expect(missing).toEqual([]);
  });

  it('keeps every text in two languages inside the catalogue', () => {
    const isLang = (n: ts.Node) => ts.isStringLiteral(n) && (n.text === 'id' || n.text === 'en');
    const isText = (n: ts.Node) =>
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateExpression(n) ||
      ts.isArrayLiteralExpression(n);
    const outside: string[] = [];
    for (const path of sources) {
      walk(parse(path), (node) => {
        const where = () =>
          `${relative(root, path)}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        // { id: '…', en: '…' }: a text and its translation kept beside the code.
        if (ts.isObjectLiteralExpression(node)) {
          const names = node.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
          const both = node.properties.filter(
            (p) =>
              ts.isPropertyAssignment(p) &&
              ts.isIdentifier(p.name) &&
              ['id', 'en'].includes(p.name.text) &&
              isText(p.initializer),
          );
          if (names.includes('id') && names.includes('en') && both.length === 2)
            outside.push(`${where()} { id, en }`);
        }
        // lang === 'id' ? '…' : '…' (either language, either order).
        if (ts.isConditionalExpression(node) && ts.isBinaryExpression(node.condition)) {
          const c = node.condition;
          if ((isLang(c.left) || isLang(c.right)) && isText(node.whenTrue) && isText(node.whenFalse)) {
            outside.push(`${where()} ?:`);
          }
        }
        // (id, en) => …: a translator of its own, taking the text in both languages inline.
        if (ts.isFunctionLike(node)) {
          const params = node.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
          if (params.includes('id') && params.includes('en')) outside.push(`${where()} (id, en) =>`);
        }
        // Record<Language, …>: a table of texts by language.
        if (ts.isTypeReferenceNode(node) && node.getText().startsWith('Record<Language')) {
          outside.push(`${where()} Record<Language>`);
        }
      });
    }
    expect(outside).toEqual([]);
  });
});

/**
 * A text in one language only escapes the checks above: a receipt, a file name or a column
 * header written in Bahasa Indonesia alone. Such words still belong in the catalogue (with the
 * same text in English and a comment saying why, when the app never translates them). This
 * looks for Indonesian prose in the code's strings: two or more words, one of them a common
 * Indonesian word that English and code do not use. Single words are left alone: the importers
 * recognise column names people type ("pelanggan", "tidak"), which is reading, not writing.
 * Migrations write the vault's history and keep their words.
 */
it('keeps Indonesian prose out of the code, even in one language', () => {
  const INDONESIAN = new Set(
    'dan yang tidak untuk dengan dari atau akan sudah belum tanpa kepada oleh silakan harap anda kami pelanggan terima kasih gagal berhasil dapat tersebut'.split(
      ' ',
    ),
  );
  const migrations = join(root, 'src', 'main', 'vault', 'migrations');
  const found: string[] = [];
  for (const path of sources.filter((p) => !p.startsWith(migrations))) {
    walk(parse(path), (node) => {
      let parts: string[] | undefined;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node))
        parts = [node.text];
      else if (ts.isTemplateExpression(node))
        parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (!parts) return;
      const words = parts
        .join(' ')
        .toLowerCase()
        .split(/[^a-z\u00c0-\u024f]+/)
        .filter(Boolean);
      if (words.length >= 2 && words.some((w) => INDONESIAN.has(w))) {
        const line = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${relative(root, path)}:${line} ${parts.join('…').slice(0, 40)}`);
      }
    });
  }
  expect(found).toEqual([]);
});
