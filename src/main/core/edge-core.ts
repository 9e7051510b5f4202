import type { Core } from './core';

/**
 * What the Electron edge (and the dev bridge) ask of a Core: the vault-holding Core, or a paired
 * laptop's ClientCore that forwards every call to the primary. Either can stand behind the edge.
 */
export type EdgeCore = Pick<
  Core,
  | 'dispatch'
  | 'refuse'
  | 'setEventSink'
  | 'lock'
  | 'lockAll'
  | 'clockResumed'
  | 'tick'
  | 'beforeQuit'
  | 'dispose'
> & {
  /** A call refused before the router (a frame that may not speak for the app). */
  router: Pick<Core['router'], 'refused'>;
};
