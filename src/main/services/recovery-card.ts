import { words } from '../../shared/i18n/text';
import type { Language } from '../../shared/language';
import { formatRecoveryCode } from '../vault/recovery-code';
import { shopDay } from '../../shared/shop-time';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained page (no scripts, no remote resources) for printing to PDF. */
/** 29 November 2026 in the card's language, on the shop's calendar (Asia/Jakarta). */
function cardDate(d: Date, lang: Language): string {
  return shopDay(d.getTime(), lang);
}

export function recoveryCardHtml(code: string, shopName: string, lang: Language, createdAt: Date): string {
  const t = words(lang).core.recoveryCard;
  const groups = formatRecoveryCode(code)
    .split('-')
    .map((g, i) => `<span class="g"><small>${i + 1}</small>${g}</span>`)
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${t.title}</title><style>
body{font-family:system-ui,sans-serif;margin:40px;color:#1b2430}
h1{font-size:22px;margin:0 0 8px}.box{border:2px dashed #1b2430;border-radius:12px;padding:24px;max-width:640px}
.code{display:flex;gap:10px;flex-wrap:wrap;margin:18px 0;font:600 26px/1.2 ui-monospace,monospace}
.g{border:1px solid #9aa5b1;border-radius:6px;padding:6px 10px;position:relative}
.g small{position:absolute;top:-9px;left:6px;font-size:10px;background:#fff;padding:0 3px;color:#52606d}
.warn{color:#a61b1b;font-weight:600}p{line-height:1.5}
</style></head><body><div class="box">
<h1>${t.title}</h1><p>${t.shop}: <b>${escapeHtml(shopName)}</b> &middot; ${t.made}: ${cardDate(createdAt, lang)}</p>
<p>${t.intro}</p><div class="code">${groups}</div><p>${t.keep}</p><p class="warn">${t.warn}</p>
</div></body></html>`;
}
