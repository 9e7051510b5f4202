import tls from 'node:tls';

/**
 * A machine in the middle on the shop's network: it ends the laptop's TLS with its own certificate,
 * opens its own TLS to the primary with its own certificate, and relays the decrypted bytes both
 * ways. Pinning and the pairing proofs must make both ends refuse it.
 */
export async function startTlsProxy(args: {
  identity: { key: string; cert: string };
  target: { host: string; port: number };
}): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer(
    {
      key: args.identity.key,
      cert: args.identity.cert,
      minVersion: 'TLSv1.3',
      requestCert: true,
      rejectUnauthorized: false,
      ALPNProtocols: ['h2'],
    },
    (down) => {
      const up = tls.connect({
        host: args.target.host,
        port: args.target.port,
        key: args.identity.key,
        cert: args.identity.cert,
        minVersion: 'TLSv1.3',
        rejectUnauthorized: false,
        ALPNProtocols: ['h2'],
      });
      sockets.add(down);
      sockets.add(up);
      down.pipe(up);
      up.pipe(down);
      const end = (): void => {
        down.destroy();
        up.destroy();
        sockets.delete(down);
        sockets.delete(up);
      };
      for (const s of [down, up]) {
        s.on('error', end);
        s.on('close', end);
      }
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
