import { issueText } from '../../shared/messages';
import type { Language } from '../../shared/language';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { EventMap, EventName } from '../../shared/domain';
import type { AppErrorData, Result } from '../../shared/errors';
import { i18next } from '../i18n';

/** Typed calls into main. Errors come back as data; a broken bridge becomes one too. */
export async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelOutput<C>>> {
  try {
    return await window.brankas.invoke(channel, input);
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: i18next.t('errors.offline') } };
  }
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return window.brankas.on(event, listener);
}

export type UiError = AppErrorData | null;

/** Field paths a server error points at, for marking inputs. */
export function errorFields(error: UiError): string[] {
  return error?.details?.fields ?? [];
}

/**
 * What to show beside one field for an error from main: the reason for that field when main gave
 * one (VALIDATION), else the error's own message when it names the field (a duplicate phone, an
 * invalid number); false when the error is not about this field.
 */
export function fieldMessage(error: UiError, field: string, lang: Language): string | false {
  const issue = error?.details?.issues?.find((i) => i.field === field || i.field.startsWith(`${field}.`));
  if (issue) return issueText(issue, lang);
  return errorFields(error).includes(field) ? (error?.message ?? ' ') : false;
}

/** Focuses the first field marked invalid inside `root` (after a refused save). */
export function focusFirstInvalid(root: HTMLElement | null): void {
  const first = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  first?.focus();
  first?.scrollIntoView?.({ block: 'center' });
}

/** Runs `then` (a store's reload) after a successful call, and hands the result on. */
export async function afterOk<T>(result: Promise<Result<T>>, then: () => Promise<void>): Promise<Result<T>> {
  const r = await result;
  if (r.ok) await then();
  return r;
}
