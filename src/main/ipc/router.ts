import { ZodError } from 'zod';
import type { FieldIssue } from '../../shared/errors';
import {
  ALLOWED_BEFORE_PIN_CHANGE,
  ALLOWED_BEFORE_RECOVERY_CONFIRMED,
  ALLOWED_DURING_BRIEFING,
  contract,
  isChannel,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsed,
} from '../../shared/contract';
import type { ErrorCode, ErrorDetails, Result } from '../../shared/errors';
import type { SessionUser } from '../../shared/domain';
import type { Language } from '../../shared/language';
import { errorMessage } from '../../shared/messages';
import { roleHas } from '../../shared/roles';
import { HIDDEN_CHARS } from '../../shared/text-policy';
import { HAS_LINK } from '../../shared/link-policy';
import { AppError } from '../lib/app-error';
import { describeCause, toAppError } from '../lib/os-errors';
import { isThenable, runThenRecord, type AuditEntry, type AuditOutcomes } from '../services/auditor';
import type { Session, Sessions } from './sessions';
import { remoteDevice } from '../services/lan/remote-call';

export interface HandlerContext {
  windowId: string;
  session: Session | null;
  /** A handler may add non-personal facts (changed field names) to its audit entry. */
  auditDetail: Record<string, unknown>;
  /** Set by a handler that learns its audit target while it runs (e.g. a request's customer). */
  auditTarget?: string | null;
  /** Who the call proved to be asking, where no session said it (the PIN's user at the lock screen). */
  auditActor?: string | null;
  /**
   * The last, synchronous step of a handler that awaits (a dialog, a hand-off): what it writes
   * commits in one transaction with the call's audit entry, as a synchronous handler's writes do.
   * Its value is the handler's result. With `joinTransaction`, the step runs inside the write
   * transaction the handler's own long job holds (before the job commits it): the call's entry is
   * written into that transaction, so the job's writes and the entry commit together or not at all.
   */
  lastStep<T>(work: () => T, options?: { joinTransaction?: boolean }): T;
}

export type Handler<C extends ChannelName> = (
  ctx: HandlerContext,
  input: ChannelParsed<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export interface AuditSpec<C extends ChannelName> {
  action: string;
  target?: (input: ChannelParsed<C>, output: ChannelOutput<C> | undefined) => string | null;
  /** Only calls this says yes to are audited (e.g. a cashier's searches, not the owner's). */
  when?: (ctx: HandlerContext) => boolean;
  /**
   * 'reported': a failure is an entry only when the service reported it (AppError.audit: a wrong
   * PIN or recovery code, a refused user). A lock-screen call refused before any secret was
   * checked (an unknown name, a wait still running, no keystore) says nothing of who asks.
   */
  failures?: 'reported';
}

export interface RouterDeps {
  sessions: Sessions;
  language: () => Language;
  recoveryPending: () => boolean;
  /** Whether a user's staff briefing is due (a due cashier may only do it or log out). */
  briefingDue?: (user: SessionUser) => boolean;
  /** True while a long job holds the write transaction: writes wait (BUSY), reads go on. */
  busy: () => boolean;
  /** Records a refusal the router decided (unknown channel, no permission). */
  audit: (e: AuditEntry) => void;
  /** The one path of an audited action: the handler and its entry (see Auditor.run). */
  audited?: <T>(
    work: () => T,
    outcomes: AuditOutcomes<Awaited<T>>,
    options: { sync: boolean; joinTransaction?: boolean },
  ) => T;
  /** Runs after a write channel succeeded (e.g. a new notice version after a settings change). */
  afterWrite?: (channel: ChannelName) => void;
  /** Logs without personal data; defaults to stderr. */
  log?: (line: string) => void;
}

interface Registration {
  handler: Handler<ChannelName>;
  audit: AuditSpec<ChannelName> | null;
}

/**
 * One path for every call: known channel -> valid input -> session from the window -> permission
 * -> handler and its audit entry (through Auditor.run: a synchronous write and its entry in one
 * transaction) -> typed result. Nothing a renderer sends can throw past this function.
 */
export class Router {
  private readonly handlers = new Map<ChannelName, Registration>();

  constructor(private readonly d: RouterDeps) {}

  handle<C extends ChannelName>(channel: C, handler: Handler<C>, audit: AuditSpec<C> | null = null): void {
    if (this.handlers.has(channel)) throw new Error(`handler registered twice: ${channel}`);
    this.handlers.set(channel, {
      handler: handler as unknown as Handler<ChannelName>,
      audit: audit as unknown as AuditSpec<ChannelName> | null,
    });
  }

  missing(): ChannelName[] {
    return (Object.keys(contract) as ChannelName[]).filter((c) => !this.handlers.has(c));
  }

  /**
   * `remember`: a remote write's reply is kept with the write (in its transaction, beside its
   * audit entry, where the write has one), so a retry is answered and not written twice.
   */
  async dispatch(
    windowId: string,
    channel: unknown,
    rawInput: unknown,
    options: { remember?: (value: unknown) => void } = {},
  ): Promise<Result<unknown>> {
    const session = this.d.sessions.get(windowId) ?? null;
    const actor = session?.user.id ?? null;
    if (!isChannel(channel)) {
      this.safeAudit({ actor, action: 'ipc.denied', outcome: 'denied', detail: { code: 'UNKNOWN_CHANNEL' } });
      return this.fail('UNKNOWN_CHANNEL');
    }
    const def = contract[channel];
    const reg = this.handlers.get(channel);
    if (!reg) return this.fail('UNKNOWN_CHANNEL');
    // A window on a paired laptop never runs what only the vault's own laptop may (the entry
    // names the device, as every entry of a remote call does).
    if ((def as { primaryOnly?: true }).primaryOnly && remoteDevice() !== null) {
      this.safeAudit({
        actor,
        action: 'ipc.denied',
        outcome: 'denied',
        detail: { channel, code: 'FORBIDDEN', reason: 'primary_only' },
      });
      return this.fail('FORBIDDEN', { reason: 'primary_only' });
    }

    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const hidden = parsed.error.issues.some((i) => i.message === HIDDEN_CHARS);
      return this.fail('VALIDATION', {
        fields: fieldPaths(parsed.error),
        issues: fieldIssues(parsed.error),
        ...(hidden ? { reason: HIDDEN_CHARS } : {}),
      });
    }

    const denial = this.authorize(channel, session);
    if (denial) {
      const { code, reason } = denial;
      this.safeAudit({
        actor,
        action: 'ipc.denied',
        outcome: 'denied',
        detail: reason ? { channel, code, reason } : { channel, code },
      });
      return this.fail(code, reason ? { reason } : undefined);
    }
    if (session) this.d.sessions.touch(windowId);
    if (def.writes && this.d.busy()) return this.fail('BUSY');

    const audit =
      this.d.audited ??
      (<T>(w: () => T, o: AuditOutcomes<Awaited<T>>) => runThenRecord((e) => this.d.audit(e), w, o));
    /** The call's entry is given once: by the handler's last step, or after the handler. */
    let okGiven = false;
    let failedGiven = false;
    const ctx: HandlerContext = {
      windowId,
      session,
      auditDetail: {},
      lastStep: <T>(step: () => T, options?: { joinTransaction?: boolean }): T =>
        audit(step, once as AuditOutcomes<Awaited<T>>, {
          sync: def.writes,
          joinTransaction: options?.joinTransaction === true,
        }),
    };
    // Asked when the call is over, as the handler may have set what it depends on.
    const auditedNow = () => (reg.audit && (reg.audit.when?.(ctx) ?? true) ? reg.audit : null);
    const target = (value: unknown) =>
      ctx.auditTarget !== undefined
        ? ctx.auditTarget
        : (reg.audit?.target?.(parsed.data as never, value as never) ?? null);
    // An OS or SQLite error is said for what it is (a page failing its HMAC is damage, a full
    // disk is a full disk), through the same table as the vault's opening and the workers.
    const codeOf = (err: unknown): ErrorCode => toAppError(err).code;
    const outcomes: AuditOutcomes<unknown> = {
      ok: (v) => {
        const audited = auditedNow();
        return (
          audited && {
            actor:
              ctx.auditActor !== undefined
                ? ctx.auditActor
                : (ctx.session?.user.id ?? this.d.sessions.get(windowId)?.user.id ?? actor),
            action: audited.action,
            target: target(v),
            outcome: 'ok',
            detail: ctx.auditDetail,
          }
        );
      },
      failed: (err) => {
        const audited = auditedNow();
        const code = codeOf(err);
        if (!audited) return null;
        // What the service found (who proved to be asking, a wrong PIN's count) is the entry.
        const report = err instanceof AppError ? err.audit : undefined;
        if (report)
          return {
            actor: report.actor !== undefined ? report.actor : actor,
            action: audited.action,
            target: target(undefined),
            outcome: report.outcome ?? (code === 'FORBIDDEN' ? 'denied' : 'failed'),
            detail: report.detail ?? { code },
          };
        // A refused-for-volume call is summed up by whoever refused it (one entry with counts).
        if (audited.failures === 'reported' || code === 'VALIDATION' || code === 'THROTTLED') return null;
        // A service's refusal of who is asking (a rule, not a fault) is a denial, with its rule.
        const reason = code === 'FORBIDDEN' ? toAppError(err).details?.reason : undefined;
        return {
          actor,
          action: audited.action,
          target: target(undefined),
          outcome: code === 'FORBIDDEN' ? 'denied' : 'failed',
          detail: reason ? { code, reason } : { code },
        };
      },
      onAuditError: (err) => this.logInternal('audit', err),
    };
    const once: AuditOutcomes<unknown> = {
      ok: (v) => {
        if (okGiven) return null;
        okGiven = true;
        const entry = outcomes.ok(v);
        options.remember?.(v);
        return entry;
      },
      failed: (err) => (failedGiven ? null : ((failedGiven = true), outcomes.failed(err))),
      onAuditError: outcomes.onAuditError,
    };
    try {
      const work = () => {
        const value = reg.handler(ctx, parsed.data as never);
        if (!def.writes) return value;
        // The notice's new version commits with the change that made it (and with its entry).
        if (!isThenable(value)) this.d.afterWrite?.(channel);
        else
          return Promise.resolve(value).then((v) => {
            this.d.afterWrite?.(channel);
            return v;
          });
        return value;
      };
      const value = await audit(
        work,
        once,
        // Only a synchronous handler of a write shares a transaction with its entry.
        { sync: def.writes && !isAsyncFunction(reg.handler) },
      );
      return { ok: true, value };
    } catch (err) {
      const known = toAppError(err);
      if (known.code === 'INTERNAL') this.logInternal(channel, err);
      else if (known.cause !== undefined) this.logCause(channel, known);
      return this.fail(known.code, known.details);
    }
  }

  /**
   * A call refused before it reached the router (a frame that may not speak for the app),
   * recorded like the router's own refusals.
   */
  refused(windowId: string, code: 'UNTRUSTED_FRAME'): void {
    this.safeAudit({
      actor: this.d.sessions.get(windowId)?.user.id ?? null,
      action: 'ipc.denied',
      outcome: 'denied',
      detail: { code },
    });
  }

  /** Null, or why not: the error code and, where the code alone does not say it, a reason. */
  private authorize(
    channel: ChannelName,
    session: Session | null,
  ): { code: ErrorCode; reason?: string } | null {
    const no = (code: ErrorCode, reason?: string) => (reason ? { code, reason } : { code });
    const permission = contract[channel].permission;
    if (permission === 'public') return null;
    if (!session) return no('LOCKED');
    if (session.user.mustChangePin && !ALLOWED_BEFORE_PIN_CHANGE.has(channel))
      return no('PIN_CHANGE_REQUIRED');
    if (
      session.user.role === 'owner' &&
      this.d.recoveryPending() &&
      !ALLOWED_BEFORE_RECOVERY_CONFIRMED.has(channel)
    ) {
      return no('FORBIDDEN');
    }
    if (!roleHas(session.user.role, permission)) return no('FORBIDDEN');
    // Main, not only the screen, holds a cashier to the briefing: the rules before the customers.
    if (
      session.user.role === 'cashier' &&
      !ALLOWED_DURING_BRIEFING.has(channel) &&
      this.d.briefingDue?.(session.user) === true
    ) {
      return no('FORBIDDEN', 'briefing_due');
    }
    return null;
  }

  /** An error answer, its message in the app's language: the one shape every refusal takes. */
  fail(code: ErrorCode, details?: ErrorDetails): Result<never> {
    return {
      ok: false,
      error: {
        code,
        message: errorMessage(code, this.d.language(), details),
        ...(details ? { details } : {}),
      },
    };
  }

  /** An audit failure must not turn a denial into a crash; it is logged without data. */
  private safeAudit(e: Parameters<RouterDeps['audit']>[0]): void {
    try {
      this.d.audit(e);
    } catch (err) {
      this.logInternal('audit', err);
    }
  }

  /** Main's log, for support: the class and code of the error and its causes, never a message. */
  private logInternal(where: string, err: unknown): void {
    this.logLine(`[brankas] internal error in ${where}: ${describeCause(err)}`);
  }

  /** What lay under a named error (a full disk's ENOSPC), the same way. */
  private logCause(where: string, err: AppError): void {
    this.logLine(`[brankas] ${err.code} in ${where}: ${describeCause(err.cause)}`);
  }

  private logLine(line: string): void {
    (this.d.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }
}

/** Each refused field with the reason, in words the form can show beside it (first issue per field). */
function fieldIssues(err: ZodError): FieldIssue[] {
  const out = new Map<string, FieldIssue>();
  for (const i of err.issues) {
    const field = i.path.map(String).join('.') || '(input)';
    if (out.has(field)) continue;
    const raw = i as unknown as {
      origin?: string;
      minimum?: number;
      maximum?: number;
      expected?: string;
      input?: unknown;
    };
    const bound = (v: unknown) => (typeof v === 'number' ? v : Number(v));
    let issue: FieldIssue;
    if (i.message === HIDDEN_CHARS) issue = { field, reason: 'hidden_chars' };
    else if (i.message === HAS_LINK) issue = { field, reason: 'has_link' };
    else if (i.code === 'too_small' && raw.origin === 'string')
      issue =
        bound(raw.minimum) <= 1
          ? { field, reason: 'required' }
          : { field, reason: 'too_short', limit: bound(raw.minimum) };
    else if (i.code === 'too_small' && raw.origin === 'array') issue = { field, reason: 'required' };
    else if (i.code === 'too_small') issue = { field, reason: 'too_small', limit: bound(raw.minimum) };
    else if (i.code === 'too_big' && raw.origin === 'string')
      issue = { field, reason: 'too_long', limit: bound(raw.maximum) };
    else if (i.code === 'too_big' && raw.origin === 'array')
      issue = { field, reason: 'too_many', limit: bound(raw.maximum) };
    else if (i.code === 'too_big') issue = { field, reason: 'too_big', limit: bound(raw.maximum) };
    else if (i.code === 'invalid_type' && raw.expected === 'int') issue = { field, reason: 'not_whole' };
    else if (i.code === 'invalid_type' && /received undefined/.test(i.message))
      issue = { field, reason: 'required' };
    else issue = { field, reason: 'invalid' };
    out.set(field, issue);
  }
  return [...out.values()];
}

function fieldPaths(err: ZodError): string[] {
  return [...new Set(err.issues.map((i) => i.path.map(String).join('.') || '(input)'))];
}

/** A handler written `async`: it awaits, so it cannot hold the write and its entry in one transaction. */
function isAsyncFunction(fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor.name === 'AsyncFunction';
}
