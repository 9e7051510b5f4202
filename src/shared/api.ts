import type { ChannelInput, ChannelName, ChannelOutput } from './contract';
import type { EventMap, EventName } from './domain';
import type { Result } from './errors';

/** What the preload (or the test bridge) puts on window.brankas. */
export interface BrankasApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
