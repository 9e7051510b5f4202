import type { LanConnectionState } from '../../shared/domain';
import type { LinkFactory, RemoteLink } from '../lan/remote-link';

/** A failure shaped as the link's (see linkFailure): the primary could not be reached. */
const offline = () => Object.assign(new Error('primary offline'), { kind: 'offline' as const });

/**
 * The app's links to a primary. Until the TLS link (lan/client.ts) is joined here, there is no way
 * to reach one: pairing says the primary was not reached and a paired laptop stays disconnected,
 * rather than anything going over the network unencrypted or unpinned.
 */
export const lanLinks: LinkFactory = {
  pair: () => Promise.reject(offline()),
  connect: (): RemoteLink => ({
    call: () => Promise.reject(offline()),
    events: () => () => undefined,
    onState: (_listener: (state: LanConnectionState) => void) => () => undefined,
    close: () => undefined,
  }),
};
