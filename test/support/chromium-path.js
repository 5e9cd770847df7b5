'use strict';
// Where the browser tests (and scripts/ensure-chromium.js) look for Chromium. Plain JS so the
// install script can use it without TypeScript.
const { existsSync } = require('node:fs');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/** CHROMIUM_PATH when set (and present), else the first Debian location that exists; undefined if none. */
function chromiumPath(env = process.env) {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

module.exports = { chromiumPath };
