const english = new Intl.PluralRules('en');

/**
 * A count and its English noun by the plural rules ("1 minute", "2 minutes", "0 minutes"), for
 * texts main writes itself; `shown` is the number as written when it is formatted.
 */
export function enCount(n: number, one: string, other = `${one}s`, shown = String(n)): string {
  return `${shown} ${english.select(n) === 'one' ? one : other}`;
}
