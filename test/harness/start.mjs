// `npm start`: packages the extension, installs the .vsix into a VS Code (code-server) and
// serves it on 127.0.0.1 with examples/ open, until Ctrl+C. Extensions and user settings
// persist in .vscode-test/ between runs. Port: PORT, or a free one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureCodeServer, ensureSystemPackages, repoRoot, startCodeServer } from './codeServer.mjs';

ensureSystemPackages();
ensureCodeServer();
const packaged = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: 'inherit' });
if (packaged.status !== 0) {
  console.error('npm run package failed');
  process.exit(1);
}

const workspace = path.join(repoRoot, 'examples');
const server = await startCodeServer({
  workspace,
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  extensionsDir: path.join(repoRoot, '.vscode-test/start/extensions'),
  userDataDir: path.join(repoRoot, '.vscode-test/start/user-data'),
  installVsix: path.join(repoRoot, 'llm-cost-lens.vsix'),
});
const url = new URL(server.url);
url.searchParams.set('folder', workspace);
console.log(`\nLLM Cost Lens in VS Code: ${url}\nCtrl+C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
