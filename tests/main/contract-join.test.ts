import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src/shared/channels';
import { contract } from '../../src/shared/contract';
import { appChannels } from '../../src/shared/contract/app';
import { backupsChannels } from '../../src/shared/contract/backups';
import { joinParts } from '../../src/shared/contract/join';
import { retentionChannels } from '../../src/shared/contract/retention';
import { usersChannels } from '../../src/shared/contract/users';

/**
 * The channel map is joined from one part per capability. A channel two parts both define must
 * stop the app from starting (and, where the compiler sees it, from compiling): an object spread
 * would keep whichever came last, so a channel could silently lose its permission or its schema.
 */
describe('joining the contract from its capabilities', () => {
  it('refuses a channel two parts define, at load and in the compiler', () => {
    expect(() =>
      // @ts-expect-error -- 'users:list' is in both parts: the call must not compile.
      joinParts({ 'users:list': 'first', 'users:create': 'x' }, { 'users:list': 'second' }),
    ).toThrow(/defined twice: users:list/);
  });

  it('refuses a whole part joined twice, and a real channel defined again elsewhere', () => {
    // @ts-expect-error -- every channel of users is defined twice.
    expect(() => joinParts(appChannels, usersChannels, usersChannels)).toThrow(/defined twice: users:list/);
    // A part that redefines another's channel with a laxer permission: refused, not "last wins".
    const laxer = { 'customers:erase': { ...retentionChannels['customers:erase'], permission: 'session' } };
    // @ts-expect-error -- customers:erase is the retention part's.
    expect(() => joinParts(retentionChannels, laxer)).toThrow(/defined twice: customers:erase/);
    // The duplicate is found wherever it comes in the list, not only next to its first definition.
    const again = { 'setup:restore': backupsChannels['setup:restore'] };
    // @ts-expect-error -- setup:restore is the backups part's.
    expect(() => joinParts(backupsChannels, appChannels, usersChannels, again)).toThrow(
      /defined twice: setup:restore/,
    );
  });

  it('joins disjoint parts into every channel of each, unchanged', () => {
    const joined = joinParts(appChannels, usersChannels);
    expect(Object.keys(joined)).toEqual([...Object.keys(appChannels), ...Object.keys(usersChannels)]);
    expect(joined['users:list']).toBe(usersChannels['users:list']);
    expect(joined['auth:unlock']).toBe(appChannels['auth:unlock']);
  });

  it('the contract is every name channels.ts lists, once', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
  });
});
