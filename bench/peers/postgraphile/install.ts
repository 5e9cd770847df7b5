import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * PostGraphile is installed here, apart from the tracker's dependencies: it declares Node 22, and
 * in the root install its engines made `npm install` warn on the Node 20 the tracker supports.
 * `npm run bench` installs it from this directory's lock file the first time it is needed.
 */
export function postgraphileCli(peerDir: string): string {
  const cli = path.join(peerDir, 'node_modules/postgraphile/dist/cli-run.js');
  if (!existsSync(cli)) {
    console.log(`bench: installing the PostGraphile peer (npm ci --prefix ${path.relative(process.cwd(), peerDir) || peerDir})`);
    execFileSync('npm', ['ci', '--prefix', peerDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  return cli;
}
