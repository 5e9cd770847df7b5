'use strict';
/**
 * Preloaded into server processes that tests start (see spawn-source.ts): when the test process
 * goes away, even by SIGKILL or a signal that skips its exit hooks, the pipe on stdin closes and
 * the server is killed at once, so no server outlives the test run holding a port or connections.
 */
process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL'));
process.stdin.on('error', () => process.kill(process.pid, 'SIGKILL'));
process.stdin.resume();
process.stdin.unref(); // never what keeps the process alive
