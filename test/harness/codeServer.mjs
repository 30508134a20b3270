// A real VS Code for the tests: code-server (VS Code's server, remote extension host and
// web workbench, from npm) plus Debian's Chromium driven by playwright-core.
// Plain JavaScript so it runs before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdtempSync, openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pinDir = path.join(repoRoot, 'test/harness/code-server');
const cacheDir = path.join(repoRoot, '.vscode-test/code-server');
const entryScript = path.join(cacheDir, 'node_modules/code-server/out/node/entry.js');
const stampFile = path.join(cacheDir, '.installed');

/** Debian packages the harness needs: Chromium, and what code-server's install builds with. */
export const SYSTEM_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'ripgrep'];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The quiet user settings every test window starts with. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
};

const isInstalled = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.trim() === 'install ok installed';

/** Installs the missing Debian packages when root; otherwise throws with the command to run. */
export function ensureSystemPackages(packages = SYSTEM_PACKAGES) {
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    throw new Error(`dpkg-query not found: the test harness expects Debian or Ubuntu with: ${packages.join(' ')}`);
  }
  const missing = packages.filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) return;
  const install = `DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}\nRun: sudo apt-get update && sudo ${install}`);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run('apt-get', ['install', '-y', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
  }
  return result;
}

/** What the cache must match: the pinned manifest and lock, and the Node ABI its native modules were built for. */
function wantedStamp() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(path.join(pinDir, file)));
  hash.update(`${process.platform}-${process.arch}-node-abi-${process.versions.modules}`);
  return hash.digest('hex');
}

// @vscode/ripgrep (installed by code-server's own install script) downloads rg from GitHub
// unless its cache already holds the archive. These names belong to the @vscode/ripgrep
// that code-server 4.100.3 ships; update them together with the pin.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_VERSION = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

/** Puts Debian's `rg` where @vscode/ripgrep looks before downloading. */
function seedRipgrepCache() {
  const target = RIPGREP_TARGETS[process.arch];
  if (!target) throw new Error(`No ripgrep cache name for ${process.arch}`);
  const dir = path.join(os.tmpdir(), RIPGREP_CACHE);
  const archive = path.join(dir, `ripgrep-${RIPGREP_VERSION}-${target}.tar.gz`);
  if (existsSync(archive)) return;
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is not installed: install the Debian package "ripgrep"');
  mkdirSync(dir, { recursive: true });
  run('tar', ['-czf', archive, '-C', path.dirname(rg), path.basename(rg)]);
}

const lockDir = `${cacheDir}.lock`;
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Runs `body` holding a lock on the cache, so that test runs started together install once. */
function withInstallLock(body) {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir, { recursive: false });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(existsSync(path.join(lockDir, 'pid')) ? readFileSync(path.join(lockDir, 'pid'), 'utf8') : NaN);
      if (Number.isInteger(owner) && !isAlive(owner)) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${lockDir} is still held: remove it if no install is running`);
      else sleep(1000);
    }
  }
  try {
    writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
    return body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

const isCurrent = (stamp) => existsSync(entryScript) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;

/** Installs the pinned code-server into .vscode-test/code-server unless it is already there. Returns its entry script. */
export function ensureCodeServer() {
  const stamp = wantedStamp();
  if (isCurrent(stamp)) return entryScript;
  mkdirSync(path.dirname(cacheDir), { recursive: true });
  return withInstallLock(() => (isCurrent(stamp) ? entryScript : installCodeServer(stamp)));
}

function installCodeServer(stamp) {
  const version = JSON.parse(readFileSync(path.join(pinDir, 'package.json'), 'utf8')).dependencies['code-server'];
  console.log(`Installing code-server ${version} into .vscode-test/code-server (about a minute, once)`);
  const started = Date.now();
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(pinDir, file), path.join(cacheDir, file));
  seedRipgrepCache();
  // Native modules build against the headers of the Node that runs them, installed beside it
  // when Node comes from a distribution package; node-gyp would otherwise download them.
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  const localHeaders = existsSync(path.join(nodePrefix, 'include/node/node.h')) ? { npm_config_nodedir: nodePrefix } : {};
  const logFile = path.join(cacheDir, 'install.log');
  const fd = openSync(logFile, 'w');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: cacheDir,
    stdio: ['ignore', fd, fd],
    env: {
      ...process.env,
      npm_config_unsafe_perm: 'true', // code-server's install script refuses to run as root without it
      npm_config_yes: 'true', // a nested `npx node-gyp` would otherwise wait for a "yes"
      ...localHeaders,
    },
  });
  closeSync(fd);
  if (result.status !== 0 || !existsSync(entryScript)) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`Installing code-server failed (${result.error?.message ?? `exit ${result.status}`}); log: ${logFile}\n${tail}`);
  }
  writeFileSync(stampFile, stamp);
  console.log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return entryScript;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The environment for code-server: ours, minus what would make it talk to an enclosing VS Code. */
function serverEnv(extra) {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) {
    // VSCODE_IPC_HOOK_CLI (set in a VS Code terminal) makes code-server open the folder in that window instead.
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  return env;
}

async function waitForServer(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      const response = await fetch(new URL('healthz', url));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000}s:\n${output.join('')}`);
}

/**
 * Starts code-server on 127.0.0.1 with `workspace` open.
 * Options: port (default: a free one), env (added to the server's, so the extension host sees it),
 * settings (merged over the quiet defaults), extensionsDir / userDataDir (default: temporary),
 * installVsix (a .vsix installed before start).
 */
export async function startCodeServer({ workspace, port, env = {}, settings = {}, extensionsDir, userDataDir, installVsix } = {}) {
  if (!workspace) throw new Error('startCodeServer: workspace is required');
  const entry = ensureCodeServer();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-code-server-'));
  userDataDir ??= path.join(tmp, 'user-data');
  extensionsDir ??= path.join(tmp, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // A user data directory that is kept between runs keeps the settings made in it.
  const settingsFile = path.join(userDataDir, 'User/settings.json');
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (installVsix) {
    const result = spawnSync(process.execPath, [entry, ...dirs, '--install-extension', installVsix, '--force'], {
      encoding: 'utf8',
      env: serverEnv({}),
    });
    if (result.status !== 0) throw new Error(`Installing ${installVsix} failed:\n${result.stdout}${result.stderr}`);
  }
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check'];
  // Its own process group, so stop() ends the server together with its extension hosts.
  const child = spawn(process.execPath, [entry, ...args, ...dirs, path.resolve(workspace)], {
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(tmp, { recursive: true, force: true });
  }

  try {
    await waitForServer(url, child, output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, userDataDir, extensionsDir, output, stop };
}

/** A vscode-remote URI for a path on the server, as the workbench's `payload` parameter wants it. */
export function remoteUri(port, absolutePath) {
  return `vscode-remote://127.0.0.1:${port}${path.resolve(absolutePath)}`;
}

/**
 * The workbench URL for a folder; with `extensionDevelopmentPath` (and `extensionTestsPath`)
 * it opens an extension development window, as `code --extensionDevelopmentPath` does.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const url = new URL(server.url);
  if (folder) url.searchParams.set('folder', path.resolve(folder));
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(server.port, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(server.port, extensionTestsPath)]);
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/**
 * Debian's Chromium under playwright-core (never `npx playwright install`: it downloads a browser).
 * `scrollbars`: draw scrollbars as a person sees them (headless Chromium hides them by default).
 */
export async function launchBrowser({ headless = true, scrollbars = false } = {}) {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install the Debian package "chromium"`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless,
    ...(scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
