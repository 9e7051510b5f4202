import type { DocText } from '../../../shared/domain';
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
  opts: { poster?: boolean; tables?: PrintTable[]; letter?: LetterParts } = {},
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
  const size = opts.poster ? 'body{font-size:17px}h1{font-size:34px}h2{font-size:21px}' : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.title)}</title><style>
@page{size:A4;margin:18mm}body{font-family:system-ui,sans-serif;color:#1b2430;font-size:12px;line-height:1.45}
h1{font-size:20px;margin:0 0 4px}h2{font-size:14px;margin:16px 0 4px}.sub{color:#52606d;margin:0 0 12px}
ul{margin:4px 0;padding-left:18px}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d9dee4;padding:3px 6px;text-align:left;vertical-align:top}
.from{border-bottom:2px solid #1b2430;padding-bottom:6px;margin-bottom:14px}.from strong{font-size:16px}
.to{margin:0 0 6px}.date{text-align:right;margin:0 0 14px}.sign{margin-top:28px}.close{break-inside:avoid}
.sign .line{border-bottom:1px solid #1b2430;width:60mm;height:18mm}.sign p{margin:4px 0}
${size}</style></head><body>${head}<h1>${escapeHtml(doc.title)}</h1><p class="sub">${escapeHtml(doc.subtitle)}</p>
${body}${(opts.tables ?? []).map(table).join('')}</body></html>`;
}
