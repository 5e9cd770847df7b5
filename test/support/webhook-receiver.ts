import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got: what a Standard Webhooks consumer verifies. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/**
 * A webhook receiver on 127.0.0.1 for tests: records every POST and answers as `respond` says
 * (200 by default). It can be stopped and started again on the same port, as a receiver that goes
 * down and comes back.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  respond: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_req, res) => res.writeHead(200).end('ok');
  private server?: Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body, at: Date.now() });
        this.respond(req, res, body);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until `predicate` holds for what was received, or fails after `timeoutMs`. */
  async until(predicate: (received: Received[]) => boolean, timeoutMs = 15_000, what = 'the expected deliveries'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${this.received.length}: ${this.received.map((r) => r.body).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
