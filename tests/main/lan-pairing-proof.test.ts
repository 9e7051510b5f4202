import { describe, expect, it } from 'vitest';
import { fingerprintOfPem, newIdentity } from '../../src/main/lan/identity';
import {
  formatPairingCode,
  newPairingCode,
  normalizePairingCode,
  pairingKey,
  pairingProof,
  proofMatches,
} from '../../src/main/lan/pairing-proof';
import { TestClock } from '../support/clock';

describe('pairing a second laptop: the code and the proofs', () => {
  it('codes are 10 characters of 32, typed back however the owner writes them', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newPairingCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const code = 'AB0DE1GHJK';
    expect(normalizePairingCode(` ${formatPairingCode(code).toLowerCase()} `)).toBe(code);
    expect(normalizePairingCode('ABODEIGHJK')).toBe(code);
    expect(normalizePairingCode('AB0DE1GHJ')).toBeNull();
    expect(normalizePairingCode('AB0DE1GHJU')).toBeNull();
  });

  it('a proof holds only for the same code, the same two certificates and its own role', async () => {
    const [server, client, other] = ['0'.repeat(64), '1'.repeat(64), '2'.repeat(64)];
    const key = await pairingKey('AB0DE1GHJK', server, client);
    const proof = pairingProof(key, 'client', server, client);
    expect(
      proofMatches(
        proof,
        pairingProof(await pairingKey('AB0DE1GHJK', server, client), 'client', server, client),
      ),
    ).toBe(true);
    // Another code, a machine in the middle's certificate on either side, or the other role's proof.
    expect(
      proofMatches(
        proof,
        pairingProof(await pairingKey('AB0DE1GHJM', server, client), 'client', server, client),
      ),
    ).toBe(false);
    expect(
      proofMatches(
        proof,
        pairingProof(await pairingKey('AB0DE1GHJK', other, client), 'client', other, client),
      ),
    ).toBe(false);
    expect(
      proofMatches(
        proof,
        pairingProof(await pairingKey('AB0DE1GHJK', server, other), 'client', server, other),
      ),
    ).toBe(false);
    expect(proofMatches(proof, pairingProof(key, 'server', server, client))).toBe(false);
    expect(proofMatches(proof, 'not hex')).toBe(false);
    expect(proofMatches(proof, 42)).toBe(false);
  });

  it('an identity is a fresh P-256 key in a certificate whose fingerprint Node reads back the same', async () => {
    const now = new Date(new TestClock().now());
    const a = await newIdentity('Laptop utama', now);
    const b = await newIdentity('Kasir, 2 = "x"', now);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOfPem(a.cert)).toBe(a.fingerprint);
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(a.key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });
});
