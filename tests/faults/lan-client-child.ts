/**
 * Run in a child process by lan-crash.test.ts: a paired laptop sending one call (its certificate,
 * window and requestId from the test). It prints "sent" once the request has left it and kills
 * itself there (SIGKILL), before any reply can arrive.
 */
import { rawRequest } from '../support/lan-wire';

const [port, body] = process.argv.slice(2) as string[];
const identity = { key: process.env.LAN_KEY!, cert: process.env.LAN_CERT! };

// Killed by itself the moment its request has left: no reply can ever reach it.
void rawRequest(Number(port), identity, body!, '/call', () => {
  process.stdout.write('sent\n');
  process.kill(process.pid, 'SIGKILL');
}).then(
  (r) => process.stdout.write(`answered ${r.status}\n`),
  () => process.stdout.write('failed\n'),
);
