/**
 * Links in text the shop sends. A message built from what someone typed (sale items, a refusal
 * reason, the shop's contact, a customer's name) must not carry a link WhatsApp would make
 * clickable: a cashier with bad intent could otherwise send customers to any site in the shop's
 * name. Links are defanged (`hxxps[:]//contoh[.]com`): still readable, no longer a link. The
 * shop's contact refuses them at input.
 */

/** Invisible characters that can split a link so a check misses it while a chat app joins it. */
const INVISIBLE = /[\u00AD\u180E\u200B\u200C\u2060-\u2064\uFEFF]/g;
/** Any dot a chat app may read as one (ideographic and full-width too). */
const DOT = '[.\u3002\uFF0E\uFF61]';
/** A scheme such as https:// (or ftp://, or one with look-alike slashes). */
const SCHEME = /\b[a-z][a-z0-9+.-]{1,15}:[/\\\uFF0F]{2}/giu;
/** A host name: labels joined by dots, ending in a top-level name (`tld`: its pattern). */
const host = (lookbehind: string, tld: string) =>
  new RegExp(
    `(?<!${lookbehind})(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62})${DOT})+(?:${tld}|xn--[a-z0-9-]{1,59})(?![\\p{L}\\p{N}])`,
    'giu',
  );
/** Every host name, e-mail domains included, any top-level name (for defanging a message). */
const ANY_HOST = host('[\\p{L}\\p{N}_-]', '\\p{L}{2,63}');
/**
 * Web addresses the shop's contact refuses: not an e-mail's domain, and ending in a country code or
 * a common top-level name, so that an address such as "Jl.Merdeka" is not refused (the message
 * still defangs it: there a false alarm costs only a bracket).
 */
const COMMON_TLDS =
  'com|net|org|info|biz|xyz|site|online|shop|store|app|dev|top|club|link|live|click|icu|vip|page|web|' +
  'wang|win|bid|loan|work|tech|space|website|fun|lol|today|one|pro|mobi|asia|name|cloud|digital|email|' +
  'media|news|blog|group';
const WEB_HOST = host('[@\\p{L}\\p{N}_.-]', `(?:[a-z]{2}|${COMMON_TLDS})`);
/** A www. prefix is a web address whatever follows. */
const WWW = new RegExp(`(?<![\\p{L}\\p{N}])www${DOT}[\\p{L}\\p{N}]`, 'iu');

/** The text with every link made unclickable (and invisible splitters removed). */
export function defangLinks(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(SCHEME, (m) => `${m.slice(0, m.indexOf(':')).replace(/^(h)tt(p)/i, '$1xx$2')}[:]//`)
    .replace(ANY_HOST, (m) => m.replace(new RegExp(DOT, 'gu'), '[.]'));
}

/** Whether the text holds a web link or address (an e-mail address is allowed). */
export function hasWebLink(text: string): boolean {
  const visible = text.replace(INVISIBLE, '');
  SCHEME.lastIndex = 0;
  WEB_HOST.lastIndex = 0;
  return SCHEME.test(visible) || WEB_HOST.test(visible) || WWW.test(visible);
}

/** The validation message (a reason code) zod carries for text with a link. */
export const HAS_LINK = 'has_link';
