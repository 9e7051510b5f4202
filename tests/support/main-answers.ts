import type { TestCore } from './fixtures';

/**
 * Whether main answers another window while a long job runs. Once the job reports its first
 * progress, window w2 sends a cheap read (app:status) on the next turn of the event loop, and the
 * order in which that answer and the job settle is recorded. A job that blocks main (run on it in
 * one go) settles before that turn comes, so the order is ['job', 'ping']; a job on the worker
 * thread leaves main free, and main answers first: ['ping', 'job']. Awaiting the ping after the
 * job instead would pass either way: it resolves after a blocked main too.
 */
export async function pingWhileJobRuns<T>(
  t: TestCore,
  progressEvent: string,
  job: () => Promise<T>,
): Promise<{ result: T; order: string[]; phases: string[]; ping: unknown }> {
  const order: string[] = [];
  const phases: string[] = [];
  let ping: Promise<unknown> | undefined;
  t.core.setEventSink((_w, e, p) => {
    if (e !== progressEvent) return;
    phases.push((p as { phase: string }).phase);
    ping ??= new Promise((r) => setImmediate(r))
      .then(() => t.call('app:status', {}, 'w2'))
      .then((answer) => {
        order.push('ping');
        return answer;
      });
  });
  const result = await job();
  order.push('job');
  return { result, order, phases, ping: await ping };
}
