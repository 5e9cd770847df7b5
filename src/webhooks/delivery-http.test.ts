import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryClient, MAX_RESPONSE_BYTES } from './delivery-http';

/** The HTTP client's limits against small local servers. */
describe('DeliveryClient', () => {
  let server: Server;
  let url: URL;
  let handler: Parameters<typeof createServer>[1];
  const client = new DeliveryClient();

  beforeAll(async () => {
    server = createServer((req, res) => handler!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
  });
  afterAll(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads at most 64 KB of an answer and cuts the rest off', async () => {
    let written = 0;
    handler = (_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 50 * 1024 * 1024 && !res.destroyed) res.once('drain', pump);
        else res.end();
      };
      pump();
    };
    const outcome = await client.post({ url, allowPrivate: true }, '{}', {});
    expect(outcome).toEqual({ ok: true, status: 200 });
    expect(written).toBeLessThan(50 * 1024 * 1024);
    expect(MAX_RESPONSE_BYTES).toBe(65_536);
  });

  it('gives up on a receiver that does not answer within 10 s', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    expect(await client.post({ url, allowPrivate: true }, '{}', {})).toEqual({ ok: false, error: 'timed out after 10 s' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
  }, 20_000);

  it('refuses a loopback address unless the host is allowed, without connecting', async () => {
    let asked = false;
    handler = (_req, res) => ((asked = true), res.writeHead(200).end());
    expect(await client.post({ url, allowPrivate: false }, '{}', {})).toEqual({ ok: false, error: 'refused: 127.0.0.1 is a loopback address' });
    expect(asked).toBe(false);
  });
});
