'use strict';
/**
 * Lets a child process run the TypeScript sources as they are, the way jest runs them (ts-jest
 * with isolatedModules: transpile only, decorators and their metadata as tsconfig.json says):
 *
 *   node --enable-source-maps --require ./test/support/transpile-on-require.js src/main.ts
 *
 * It needs only the `typescript` devDependency, so tests that start real server processes work
 * on a clean checkout after `npm ci`, with no `npm run build` and no stale dist/ to trip on.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const tsconfig = path.resolve(__dirname, '../../tsconfig.json');
const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  },
});
const compilerOptions = { ...parsed.options, sourceMap: false, inlineSourceMap: true, inlineSources: true, declaration: false, incremental: false };

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
