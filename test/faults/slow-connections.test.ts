import { connect, Socket } from 'node:net';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ServerProcess, startServerProcess } from '../support/server-process';

/**
 * Slow-loris against a real server process: connections that open and then send their headers a
 * byte at a time, or never. Scaled down from the probe's 19,800: a cap of 10 per address and a
 * 1-second header timeout show the same thing in seconds. Other addresses are reached from
 * 127.0.0.2 (all of 127/8 is this machine).
 */
jest.setTimeout(90_000);

let database: TestDatabase;
let server: ServerProcess;
const sockets: Socket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServerProcess({
    databaseUrl: database.url,
    env: { HTTP_MAX_CONNECTIONS_PER_IP: '10', HTTP_HEADERS_TIMEOUT_S: '1', HTTP_REQUEST_TIMEOUT_S: '2' },
    startTimeoutMs: 90_000,
  });
});
afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await server?.dispose();
  await database?.drop();
});

/** A connection that sends the start of a request and then nothing; resolves once connected. */
function slowClient(localAddress = '127.0.0.1'): Promise<{ socket: Socket; closed: Promise<{ ms: number; received: string }> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: server.port, host: '127.0.0.1', localAddress });
    sockets.push(socket);
    let received = '';
    const opened = Date.now();
    const closed = new Promise<{ ms: number; received: string }>((done) => socket.once('close', () => done({ ms: Date.now() - opened, received })));
    socket.on('data', (d) => (received += d.toString()));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

async function healthFrom(localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: server.port, host: '127.0.0.1', localAddress });
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  });
}

it('closes one connection past HTTP_MAX_CONNECTIONS_PER_IP at once, while other addresses are served', async () => {
  const held = await Promise.all(Array.from({ length: 10 }, () => slowClient()));
  const extra = await slowClient();
  const { ms, received } = await extra.closed;
  expect(received).toBe('');
  expect(ms).toBeLessThan(500); // closed on arrival, not after a timeout
  expect(await healthFrom('127.0.0.2')).toBe(200);
  held.forEach(({ socket }) => socket.destroy());
});

it('ends a connection that does not finish its headers within HTTP_HEADERS_TIMEOUT_S with 408', async () => {
  const slow = await slowClient('127.0.0.3');
  const drip = setInterval(() => slow.socket.write('x'), 200); // a byte at a time, never the end
  const { ms, received } = await slow.closed;
  clearInterval(drip);
  expect(received).toMatch(/^HTTP\/1\.1 408/);
  expect(ms).toBeGreaterThanOrEqual(900);
  expect(ms).toBeLessThan(4_000);
  expect(await healthFrom('127.0.0.3')).toBe(200);
});
