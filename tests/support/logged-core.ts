import { Core } from '../../src/main/core/core';
import {
  MemoryDialogs,
  MemoryHandoff,
  MemoryKeyStore,
  MemoryPrinter,
} from '../../src/main/ports/memory-ports';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { TestClock } from './clock';
import { TEST_KDF, tempDir, type TestCore } from './fixtures';

/**
 * A test core like `makeCore`, but whatever the core writes to its error log is kept: a fuzz
 * run asserts that nothing at all was logged (an internal error is logged before it is hidden
 * behind INTERNAL).
 */
export function makeLoggedCore(): TestCore & { logs: string[] } {
  const temp = tempDir('brankas-fuzz-');
  const logs: string[] = [];
  const clock = new TestClock();
  const keyStore = new MemoryKeyStore();
  const printer = new MemoryPrinter();
  const dialogs = new MemoryDialogs();
  const handoff = new MemoryHandoff();
  const core = new Core({
    dataDir: temp.dir,
    keyStore,
    printer,
    dialogs,
    handoff,
    clock,
    kdf: { mode: 'fixed', params: TEST_KDF },
    log: (line) => logs.push(line),
  });
  const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>, windowId = 'w1') =>
    core.dispatch(windowId, channel, input) as Promise<Result<ChannelOutput<C>>>;
  return {
    core,
    dir: temp.dir,
    clock,
    keyStore,
    printer,
    dialogs,
    handoff,
    logs,
    call,
    async ok(channel, input, windowId) {
      const r = await call(channel, input, windowId);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}`);
      return r.value;
    },
    cleanup() {
      core.dispose();
      temp.cleanup();
    },
  };
}
