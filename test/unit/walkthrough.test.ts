import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

describe('walkthrough', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { walkthroughs: { steps: Step[] }[]; commands: { command: string }[] };
  };
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
  const text = (value: string) => nls[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? value;

  it('starts with a step that creates the first config, done when its command runs', () => {
    assert.equal(steps[0]!.id, 'createConfig');
    assert.deepEqual(steps[0]!.completionEvents, ['onCommand:llmCostLens.createConfig']);
    assert.match(text(steps[0]!.description), /\]\(command:llmCostLens\.createConfig\)/);
  });

  it('links only commands the extension contributes (or the workbench’s own)', () => {
    const ours = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const step of steps) {
      for (const [, command] of text(step.description).matchAll(/\]\(command:([\w.]+)/g)) {
        assert.ok(ours.has(command!) || command!.startsWith('workbench.'), `${step.id}: ${command}`);
      }
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(ours.has(command), `${step.id}: ${event}`);
      }
    }
  });

  it('has its markdown under media/walkthrough/, packaged, with the images it shows', () => {
    const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\*$/m);
    for (const step of steps) {
      const file = step.media.markdown!;
      assert.match(file, /^media\/walkthrough\/[\w-]+\.md$/, step.id);
      const markdown = readFileSync(path.join(root, file), 'utf8');
      for (const [, image] of markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        const target = path.join(root, path.dirname(file), image!);
        assert.ok(existsSync(target), `${file}: ${image}`);
        assert.match(path.relative(root, target), /^media\/screenshots\//, `${file}: ${image} is packaged`);
      }
    }
  });
});
