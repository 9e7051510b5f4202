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

/**
 * A generated document as a self-contained A4 page (no scripts, no remote resources): every
 * text is escaped, so a name or note can never become markup. `poster` sets it large, for the
 * counter.
 */
export function docHtml(
  doc: DocText,
  lang: Language,
  opts: { poster?: boolean; tables?: PrintTable[] } = {},
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
  const size = opts.poster ? 'body{font-size:17px}h1{font-size:34px}h2{font-size:21px}' : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.title)}</title><style>
@page{size:A4;margin:18mm}body{font-family:system-ui,sans-serif;color:#1b2430;font-size:12px;line-height:1.45}
h1{font-size:20px;margin:0 0 4px}h2{font-size:14px;margin:16px 0 4px}.sub{color:#52606d;margin:0 0 12px}
ul{margin:4px 0;padding-left:18px}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d9dee4;padding:3px 6px;text-align:left;vertical-align:top}
${size}</style></head><body><h1>${escapeHtml(doc.title)}</h1><p class="sub">${escapeHtml(doc.subtitle)}</p>
${doc.sections.map(section).join('')}${(opts.tables ?? []).map(table).join('')}</body></html>`;
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
