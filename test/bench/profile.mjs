// CPU profiles of the extension host, one per editor phase (test/bench/editor/profile.ts), and
// for each the functions with the most self time. Run after a development build (`node
// esbuild.mjs && tsc -p .`): its bundles keep their function names. Prints; asserts nothing.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, ensureSystemPackages, repoRoot } from '../harness/codeServer.mjs';
import { runIntegration } from '../harness/run-integration.mjs';

ensureSystemPackages();
ensureCodeServer();
const dir = process.env.LLM_COST_LENS_PROFILE_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-profiles-'));
process.env.LLM_COST_LENS_PROFILE_DIR = dir;
// The workbench's renderer too: while the extension host waits, the window is what is busy.
const report = await runIntegration({
  entry: path.join(repoRoot, 'out/test/bench/editor/profile.js'),
  onPage: async (page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    return async () => {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(path.join(dir, 'renderer-whole-run.cpuprofile'), JSON.stringify(profile));
    };
  },
});
const TOP = Number(process.env.TOP ?? 12);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const name = file.replace(/\.cpuprofile$/, '');
  console.log(`\n${name}: ${report.phases[name]?.toFixed(0) ?? '(the whole run)'} ms`);
  for (const row of selfTimes(profile).slice(0, TOP)) console.log(`  ${row.ms.toFixed(1).padStart(8)} ms  ${row.fn}  ${row.where}`);
}
console.log(`\nprofiles in ${dir}`);

/** Self time by function (name, file and line), largest first, from the samples' time deltas. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id).callFrame;
    const key = `${frame.functionName || '(anonymous)'}\u0000${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`;
    ms.set(key, (ms.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...ms].map(([key, t]) => ({ fn: key.split('\u0000')[0], where: key.split('\u0000')[1], ms: t })).sort((a, b) => b.ms - a.ms);
}
