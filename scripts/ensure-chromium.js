#!/usr/bin/env node
// Makes sure a Chromium the browser tests can drive is installed: CHROMIUM_PATH if set, else
// Debian's chromium package, installed with apt-get when we are root and it is missing.
// playwright-core drives it; Playwright's own browser download is never used (it needs the internet).
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { chromiumPath } = require('../test/support/chromium-path.js');

function version(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'version unknown';
  }
}

function main() {
  let found = chromiumPath();
  if (found) {
    console.log(`browsers: using ${found} (${version(found)})`);
    return 0;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error('browsers: no Chromium found; install Debian\'s "chromium" package or set CHROMIUM_PATH (the browser tests are skipped without it)');
    return 1;
  }
  console.log('browsers: installing Debian\'s chromium package with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  } catch (err) {
    console.error(`browsers: apt-get could not install chromium: ${err.message}`);
    return 1;
  }
  found = chromiumPath();
  if (!found) {
    console.error('browsers: chromium was installed but no executable was found');
    return 1;
  }
  console.log(`browsers: installed ${found} (${version(found)})`);
  return 0;
}

process.exitCode = main();
