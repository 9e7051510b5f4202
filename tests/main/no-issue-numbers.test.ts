import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A comment or a test title that points at a tracker entry (a hash and a number, or the words
 * issue or item and a number) says nothing to a reader who never saw the tracker: say what the
 * code or the test is about instead. References to other projects' trackers (owner/repo#NNN)
 * stay: they name where to read more.
 */
const root = join(__dirname, '..', '..');

/** An issue reference; not an upstream one (repo#N), nor a quoted customer number ("#N"). */
const ISSUE_REF = /(?<![\w/"'`#-])#\d+\b|\bissues?\s+#?\d+|\bitems?\s+\d+/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs|js|css)$/.test(entry.name) ? [path] : [];
  });
}

function cssComments(text: string): string[] {
  return [...text.matchAll(/\/\*[\s\S]*?\*\//g)].map((m) => m[0]);
}

const TEST_CALLS = new Set(['it', 'test', 'describe']);

/** The comments of a script, and the titles of its it/test/describe calls. */
function scriptComments(path: string, text: string): { comments: string[]; titles: string[] } {
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const seen = new Set<number>();
  const comments: string[] = [];
  const titles: string[] = [];
  const collect = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      comments.push(text.slice(range.pos, range.end));
    }
  };
  const visit = (node: ts.Node): void => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    if (ts.isCallExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee))
        callee = ts.isCallExpression(callee) ? callee.expression : callee.expression;
      const title = node.arguments[0];
      if (ts.isIdentifier(callee) && TEST_CALLS.has(callee.text) && title)
        if (ts.isStringLiteralLike(title) || ts.isTemplateExpression(title)) titles.push(title.getText(file));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  collect(ts.getLeadingCommentRanges(text, file.endOfFileToken.pos));
  return { comments, titles };
}

function findings(): string[] {
  const found: string[] = [];
  for (const path of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'tests'))]) {
    const text = readFileSync(path, 'utf8');
    const name = relative(root, path);
    const { comments, titles } = path.endsWith('.css')
      ? { comments: cssComments(text), titles: [] }
      : scriptComments(path, text);
    for (const comment of comments) {
      const hit = ISSUE_REF.exec(comment);
      if (hit) found.push(`${name}: comment "${hit[0]}"`);
    }
    for (const title of titles) {
      const hit = ISSUE_REF.exec(title);
      if (hit) found.push(`${name}: test title ${title}`);
    }
  }
  return found;
}

describe('comments and test titles say what they mean, not which tracker entry they came from', () => {
  it('no issue number in a comment or a test title in src/ or tests/', () => {
    expect(findings()).toEqual([]);
  });

  it('the check catches the forms that were used, and leaves other numbers alone', () => {
    for (const ref of ['(#12 item 20)', '(#13)', '(issue 21 C8)', 'issue #20, item 9', 'item 4'])
      expect(ISSUE_REF.test(ref), ref).toBe(true);
    for (const other of [
      'electron/electron#46614',
      '"#12 · 0812"',
      'Pelanggan #${id}',
      'color: #fff',
      'rule 1',
    ])
      expect(ISSUE_REF.test(other), other).toBe(false);
  });
});
