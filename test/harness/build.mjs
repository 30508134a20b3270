// The build the test tiers run against: the bundles in dist/ (the extension's `main`)
// and the TypeScript tests compiled into out/.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './codeServer.mjs';

/** Runs a step in the repository root; returns true when it succeeded. */
export function step(label, command, args) {
  console.log(`> ${label}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.error) console.error(`${label}: ${result.error.message}`);
  return result.status === 0;
}

export const tsc = (...args) => step(`tsc ${args.join(' ')}`, process.execPath, ['node_modules/typescript/bin/tsc', ...args]);
export const bundle = () => step('node esbuild.mjs', process.execPath, ['esbuild.mjs']);

/**
 * Bundles and compiles, for scripts run on their own (run-all counts each step itself).
 * Type errors are reported but do not stop the run: tsc still emits, and the tests may be
 * what tells why.
 */
export function buildForTests() {
  if (!bundle()) throw new Error('The bundle failed: see the errors above');
  if (!tsc('-p', '.')) console.error('tsc reported type errors (above); running the tests it emitted');
}
