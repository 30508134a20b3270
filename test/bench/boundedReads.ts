/**
 * Bounded reads, where the bound is the point: a config committed as a symlink to /dev/zero,
 * a FIFO and a file one byte past the limit are refused in about the time a small config
 * takes to read (unbounded, /dev/zero grew to gigabytes and never ended).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBoundedText } from '../../src/node/boundedRead';
import { MAX_CONFIG_BYTES } from '../../src/engine/config/fileLimits';
import { warmedMediansMs } from './median';

const refused = (file: string) => () => {
  try {
    readBoundedText(file, MAX_CONFIG_BYTES);
  } catch {
    return;
  }
  throw new Error(`${file} was read`);
};

export async function boundedReadsBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-bench-reads-'));
  try {
    const small = path.join(dir, 'small.json');
    writeFileSync(small, JSON.stringify({ workloads: [{ name: 'chat', model: 'gpt-4o', monthlyTokens: '100M' }] }));
    symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    const fd = openSync(path.join(dir, 'huge.json'), 'w');
    ftruncateSync(fd, MAX_CONFIG_BYTES + 1);
    closeSync(fd);
    const t = await warmedMediansMs(51, {
      small: () => readBoundedText(small, MAX_CONFIG_BYTES),
      zero: refused(path.join(dir, 'zero.json')),
      fifo: refused(path.join(dir, 'fifo.json')),
      huge: refused(path.join(dir, 'huge.json')),
    });
    console.log('\nbounded reads of a config (refused against reading a 1 KB config, in this run)');
    console.log(
      `  symlink to /dev/zero ×${(t.zero / t.small).toFixed(2)}, FIFO ×${(t.fifo / t.small).toFixed(2)}, one byte over ${MAX_CONFIG_BYTES / 2 ** 20} MB ×${(t.huge / t.small).toFixed(2)} (small config ${(t.small * 1000).toFixed(1)} µs): none is read`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
