import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's root: the nearest folder above this file holding package.json. The browser pages'
 * static files stay in src/ (they need no build), and this finds them from both src/ (tests, ts
 * tooling) and dist/src/ (npm start) without a copy step.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const root = findProjectRoot(__dirname);

/** An absolute path inside the project, e.g. projectPath('src', 'dashboard', 'public'). */
export function projectPath(...segments: string[]): string {
  return join(root, ...segments);
}
