import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TRANSPILE = path.join(__dirname, 'transpile-on-require.js');
const EXIT_WITH_PARENT = path.join(__dirname, 'exit-with-parent.js');

// A test that fails before its cleanup must not leave processes behind: kill what is left on exit.
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/**
 * Runs one of the project's TypeScript files (path from the repository root) as a Node process of
 * its own, through transpile-on-require.js: no build step, the sources as they are now. Its stdin
 * is a pipe from this process. Unless `ownStdin` (the child reads commands there and ends itself
 * when it closes), the child is killed with SIGKILL when this process exits, or dies.
 */
export function spawnSource(file: string, env: NodeJS.ProcessEnv, options: { ownStdin?: boolean } = {}): ChildProcess {
  const preload = options.ownStdin ? ['--require', TRANSPILE] : ['--require', EXIT_WITH_PARENT, '--require', TRANSPILE];
  const child = spawn(process.execPath, ['--enable-source-maps', ...preload, path.join(ROOT, file)], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (!options.ownStdin) {
    alive.add(child);
    child.once('exit', () => alive.delete(child));
  }
  return child;
}
