import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The benchmark's webhook receiver, in a process of its own so that answering 1,700 requests a
 * second does not slow the process that measures the API's latency. It answers 204 at once and
 * keeps count: distinct deliveries (by webhook-id), repeats, and any event that arrives for a
 * webhook before an earlier one did (webhook-id is msg_<webhook>_<event>).
 *
 * Parent → child: { expect: n }. Child → parent: { port } once listening, { done, stats } once n
 * distinct deliveries arrived, { stats } when sent { report: true }.
 */
const seen = new Set<string>();
const lastEventOf = new Map<string, number>();
let repeats = 0;
let outOfOrder = 0;
let expected = Infinity;
let firstAt = 0;
let lastAt = 0;

const stats = () => ({ distinct: seen.size, repeats, outOfOrder, firstAt, lastAt });

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(204).end();
    const id = String(req.headers['webhook-id'] ?? '');
    if (seen.has(id)) {
      repeats++;
      return;
    }
    seen.add(id);
    const [, webhook, event] = id.split('_');
    const last = lastEventOf.get(webhook) ?? 0;
    if (Number(event) < last) outOfOrder++;
    lastEventOf.set(webhook, Math.max(last, Number(event)));
    lastAt = Date.now();
    if (!firstAt) firstAt = lastAt;
    if (seen.size === expected) process.send!({ done: true, stats: stats() });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));

process.on('message', (m: { expect?: number; report?: boolean }) => {
  if (m.expect !== undefined) expected = m.expect;
  if (m.report) process.send!({ stats: stats() });
});
process.on('disconnect', () => process.exit(0));
