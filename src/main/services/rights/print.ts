import type { DocKind, DocText } from '../../../shared/domain';
import { text } from '../../../shared/i18n/text';
import type { Language } from '../../../shared/language';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PrintTable {
  title: string;
  head: string[];
  rows: string[][];
  /** Printed under the table (e.g. what a long list leaves out). */
  note?: string;
}

/** Text for a CSS string, every character outside a plain set escaped (it can never end the rule). */
function cssString(s: string): string {
  return `"${s.replace(/[^\p{L}\p{N} .,·:;()-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16).padStart(6, '0')}`)}"`;
}

/** The page-box footer: the text with the page counters in place of {page} and {pages}. */
function footerStyle(text: string): string {
  const content = text
    .split(/(\{page\}|\{pages\})/)
    .filter(Boolean)
    .map((part) =>
      part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part),
    )
    .join(' ');
  return `content:${content};font-family:system-ui,sans-serif;font-size:9px;color:#52606d`;
}

/**
 * The counter poster is read from a metre away: type as large as the text allows on one A4 page
 * (fewer words, larger type), the last section at the foot of the page and the others spread
 * over it. The print window runs no script to measure the text, so the size is the largest whose
 * estimated height (lines of average-width characters, generously counted) fits the page.
 */
function posterStyle(doc: DocText, joinBlock: boolean): string {
  // The A4 area inside 14 mm margins, in CSS px (less the join QR's block, 56 mm and its gap: large enough to scan from a step away).
  const width = 182 * 3.78;
  const height = (joinBlock ? 269 - 62 : 269) * 3.78;
  // Lines as the words wrap, at an average character width a little wider than common fonts'.
  const lines = (text: string, px: number) => {
    let count = 1;
    let used = 0;
    for (const word of text.split(/\s+/)) {
      const w = (word.length + 1) * 0.54 * px;
      if (used > 0 && used + w > width) {
        count++;
        used = 0;
      }
      used += w;
    }
    return count;
  };
  const block = (text: string, px: number, after: number) => lines(text, px) * px * 1.3 + after;
  const estimate = (px: number) =>
    block(doc.title, px * 1.6, 4) +
    block(doc.subtitle, px * 0.75, 8) +
    doc.sections.reduce(
      (sum, s) =>
        sum +
        px * 0.5 +
        block(s.title ?? '', px * 1.15, 2) +
        [...(s.paragraphs ?? []), ...(s.items ?? [])].reduce((h, p) => h + block(p, px, 4), 0),
      0,
    );
  let px = 30;
  while (px > 14 && estimate(px) > height) px--;
  return `@page{margin:14mm}body{font-size:${px}px;line-height:1.3;min-height:265mm;margin:0;display:flex;flex-direction:column}
section{flex-grow:1;margin-top:${Math.round(px * 0.5)}px}section:last-child{flex-grow:0}
h1{font-size:${Math.round(px * 1.6)}px}h2{font-size:${Math.round(px * 1.15)}px;margin:0 0 2px}.sub{font-size:${Math.round(px * 0.75)}px;margin:0 0 8px}p{margin:0 0 4px}`;
}

/** What makes a document a letter: who sends it, to whom, when, and who signs it. */
export interface LetterParts {
  /** The shop's name, then its postal address and contact lines (empty lines dropped). */
  from: string[];
  /** The addressee's name, then their address lines. */
  to: string[];
  /** "Kepada Yth." / "To". */
  toLabel: string;
  date: string;
  sign: { closing: string; name: string; role: string };
}

/**
 * A generated document as a self-contained A4 page (no scripts, no remote resources): every
 * text is escaped, so a name or note can never become markup. `poster` sets it large, for the
 * counter.
 */
export function docHtml(
  doc: DocText,
  lang: Language,
  opts: {
    poster?: boolean;
    tables?: PrintTable[];
    /**
     * Printed at the foot of every page; `{page}` and `{pages}` become the page number and the
     * page count (e.g. "Pemberitahuan privasi v3 · halaman {page} dari {pages}").
     */
    footer?: string;
    letter?: LetterParts;
    /**
     * The poster's general QR for people who join on their own (an SVG made in main from the
     * shop's wa.me link, no text of anyone's in it), with its heading and steps.
     */
    join?: { qrSvg: string; title: string; steps: string };
  } = {},
): string {
  const section = (s: DocText['sections'][number]) =>
    `<section>${s.title ? `<h2>${escapeHtml(s.title)}</h2>` : ''}${(s.paragraphs ?? [])
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join(
        '',
      )}${s.items?.length ? `<ul>${s.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : ''}</section>`;
  const table = (t: PrintTable) =>
    `<section><h2>${escapeHtml(t.title)}</h2><table><thead><tr>${t.head
      .map((h) => `<th>${escapeHtml(h)}</th>`)
      .join('')}</tr></thead><tbody>${t.rows
      .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>${t.note ? `<p>${escapeHtml(t.note)}</p>` : ''}</section>`;
  const lines = (l: string[]) => l.filter(Boolean).map(escapeHtml).join('<br>');
  const letter = opts.letter;
  const head = letter
    ? `<header class="from"><strong>${escapeHtml(letter.from[0] ?? '')}</strong><br>${lines(letter.from.slice(1))}</header>
<div class="to">${escapeHtml(letter.toLabel)}<br>${lines(letter.to)}</div><p class="date">${escapeHtml(letter.date)}</p>`
    : '';
  // Room to sign by hand above the name: the line is the signature's, not decoration. The letter
  // ends there; its tables follow as appendices.
  const sign = letter
    ? `<div class="sign"><p>${escapeHtml(letter.sign.closing)}</p><div class="line"></div><p><strong>${escapeHtml(letter.sign.name)}</strong><br>${escapeHtml(letter.sign.role)}</p></div>`
    : '';
  // A letter's last part stays on the page with the signature: a signature alone on a page signs nothing.
  const body = letter
    ? `${doc.sections.slice(0, -1).map(section).join('')}<div class="close">${doc.sections.slice(-1).map(section).join('')}${sign}</div>`
    : doc.sections.map(section).join('');
  const size = opts.poster ? posterStyle(doc, Boolean(opts.join)) : '';
  const join = opts.join
    ? `<section class="join"><div class="qr">${opts.join.qrSvg}</div><div><h2>${escapeHtml(opts.join.title)}</h2><p>${escapeHtml(opts.join.steps)}</p></div></section>`
    : '';
  const footer = opts.footer ? `@page{margin-bottom:22mm;@bottom-center{${footerStyle(opts.footer)}}}` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.title)}</title><style>
@page{size:A4;margin:18mm}body{font-family:system-ui,sans-serif;color:#1b2430;font-size:12px;line-height:1.45}
h1{font-size:20px;margin:0 0 4px}h2{font-size:14px;margin:16px 0 4px;break-after:avoid}li,p{break-inside:avoid}.sub{color:#52606d;margin:0 0 12px}
ul{margin:4px 0;padding-left:18px}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d9dee4;padding:3px 6px;text-align:left;vertical-align:top}
.from{border-bottom:2px solid #1b2430;padding-bottom:6px;margin-bottom:14px}.from strong{font-size:16px}
.to{margin:0 0 6px}.date{text-align:right;margin:0 0 14px}.sign{margin-top:28px}.close{break-inside:avoid}
.sign .line{border-bottom:1px solid #1b2430;width:60mm;height:18mm}.sign p{margin:4px 0}
${size}${footer}${join ? '.join{display:flex;gap:6mm;align-items:center;flex-grow:0;margin-top:4mm;padding:3mm;border:2px solid #1b2430;border-radius:4mm;break-inside:avoid}.join .qr{flex:0 0 50mm}.join svg{width:50mm;height:50mm;display:block}' : ''}</style></head><body>${head}<h1>${escapeHtml(doc.title)}</h1><p class="sub">${escapeHtml(doc.subtitle)}</p>
${body}${join}${(opts.tables ?? []).map(table).join('')}</body></html>`;
}

/** The foot of every printed page of a versioned document: which document, which version, which page. */
export function docFooter(kind: DocKind, version: number, lang: Language): string {
  return text(lang, 'notice.footer', { name: text(lang, `notice.docNames.${kind}`), version });
}

/**
 * Letters in one PDF (a breach's, one per customer; one alone too, so a single letter looks the
 * same): each as docHtml prints it, as its own article starting on a new page. The untitled
 * blocks (the sender's and the addressee's) keep their lines together, as a letter's head does.
 */
export function docsHtml(docs: DocText[], lang: Language): string {
  if (docs.length === 0) throw new Error('docsHtml: no documents');
  const pages = docs.map((d) => docHtml(d, lang));
  const bodyOf = (html: string) => html.slice(html.indexOf('<body>') + 6, html.lastIndexOf('</body>'));
  const head = pages[0]!
    .slice(0, pages[0]!.indexOf('<body>'))
    .replace(
      '</style>',
      'article+article{break-before:page}section:not(:has(h2)){margin:0 0 14px}section:not(:has(h2)) p{margin:0}</style>',
    );
  return `${head}<body>${pages.map((p) => `<article>${bodyOf(p)}</article>`).join('\n')}</body></html>`;
}
