import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { StartupError } from '../startup-error';

/**
 * Checks that the server will be able to listen on host:port, before anything else starts (the
 * database above all): a port in use must stop the start at once, with nothing left running.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listenOn(probe, host, port);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** Listens, or fails with a message that says what to change. */
export function listenOn(server: Server | ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new StartupError(`port ${port} is in use; set PORT`);
    case 'EACCES':
      return new StartupError(`port ${port} needs privileges this process lacks; set PORT (1024 or above)`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupError(`HOST ${host} is not an address of this machine; set HOST (127.0.0.1, or 0.0.0.0 for every interface)`);
    default:
      return err;
  }
}

/** How to write the address a server listens on in a URL (IPv6 in brackets). */
export function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
