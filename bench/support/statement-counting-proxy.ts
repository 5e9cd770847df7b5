import { connect, createServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of Postgres that counts the statements its clients run, whatever the
 * client: the server under test just gets a DATABASE_URL pointing here. pg_stat_statements would
 * do this inside Postgres but needs shared_preload_libraries (a restart); this needs nothing.
 *
 * It reads only the frontend side of the wire protocol: after the startup packet every message
 * is a type byte and a length. A simple Query ('Q') or an extended-protocol Execute ('E') is one
 * statement (a 'Q' holding several statements separated by ';' counts once). BEGIN and COMMIT
 * count too: they are round trips the server chose to make. SSL and GSS requests are declined so
 * that the stream stays readable. Used only for the counting pass, never in a timed run.
 */
export interface CountingProxy {
  url: string;
  /** Statements counted since the proxy started. */
  statements(): number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const Q = 'Q'.charCodeAt(0);
const E = 'E'.charCodeAt(0);

export async function startCountingProxy(upstreamUrl: string): Promise<CountingProxy> {
  const upstream = new URL(upstreamUrl);
  const host = upstream.hostname;
  const port = Number(upstream.port || 5432);
  let count = 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const db = connect(port, host);
    sockets.add(client).add(db);
    const drop = () => {
      client.destroy();
      db.destroy();
      sockets.delete(client);
      sockets.delete(db);
    };
    client.on('error', drop).on('close', drop);
    db.on('error', drop).on('close', drop);
    db.pipe(client);

    let inStartup = true;
    let pending = Buffer.alloc(0);
    let skip = 0;
    client.on('data', (chunk: Buffer) => {
      if (!inStartup) db.write(chunk);
      const buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      pending = Buffer.alloc(0);
      let i = 0;
      while (i < buf.length) {
        if (skip > 0) {
          const n = Math.min(skip, buf.length - i);
          i += n;
          skip -= n;
          continue;
        }
        if (inStartup) {
          if (buf.length - i < 8) break;
          const len = buf.readInt32BE(i);
          if (buf.length - i < len) break;
          const code = buf.readInt32BE(i + 4);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            client.write('N');
          } else {
            db.write(buf.subarray(i, i + len));
            inStartup = false;
            // Whatever followed the startup packet in this chunk was not forwarded yet.
            if (i + len < buf.length) db.write(buf.subarray(i + len));
          }
          i += len;
          continue;
        }
        if (buf.length - i < 5) break;
        const type = buf[i];
        if (type === Q || type === E) count++;
        skip = 1 + buf.readInt32BE(i + 1);
      }
      if (i < buf.length) pending = Buffer.from(buf.subarray(i));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(upstreamUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    statements: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
