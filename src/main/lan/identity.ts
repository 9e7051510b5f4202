import 'reflect-metadata';
import { webcrypto, X509Certificate as NodeCertificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { fingerprintOf } from './pairing-proof';

/**
 * A laptop's identity on the shop's network: an ECDSA P-256 key and a self-signed certificate.
 * Nobody checks it against an authority: each side pins the other's fingerprint at pairing, so
 * the certificate only carries the public key (and a name for the owner's device list). The keys
 * are made by node:crypto's WebCrypto; @peculiar/x509 only writes the certificate around them.
 */
export interface LanIdentity {
  /** PKCS#8 private key, PEM. Kept like the vault's secrets (primary) or by the OS keystore (client). */
  key: string;
  /** X.509 certificate, PEM. */
  cert: string;
  /** SHA-256 of the certificate's DER, lowercase hex: what the other side pins. */
  fingerprint: string;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
/** Pinned, never renewed by date: long enough to outlive the laptop. */
const VALID_YEARS = 20;

// Node's WebCrypto types and the DOM's differ in detail (the renderer's type check sees both).
x509.cryptoProvider.set(webcrypto as never);

/** 16 random bytes with the top bit clear: DER reads a serial as signed, and it must be positive. */
function positiveSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

export async function newIdentity(commonName: string, now: Date): Promise<LanIdentity> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: positiveSerial(),
    name: `CN=${commonName.replace(/[,=+<>#;"\\]/g, ' ')}`,
    notBefore: new Date(now.getTime() - 24 * 3600_000),
    notAfter,
    signingAlgorithm: ALG,
    keys: keys as never,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const pem = cert.toString('pem');
  return {
    key: `-----BEGIN PRIVATE KEY-----\n${pkcs8
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')
      .trimEnd()}\n-----END PRIVATE KEY-----\n`,
    cert: pem,
    fingerprint: fingerprintOf(Buffer.from(cert.rawData)),
  };
}

/** The fingerprint of a PEM certificate (as read back from storage), checked by Node's own parser. */
export function fingerprintOfPem(pem: string): string {
  return fingerprintOf(new NodeCertificate(pem).raw);
}
