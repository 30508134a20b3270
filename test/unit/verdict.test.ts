import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, explanationLines, type Analysis } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const fixtures = path.resolve(__dirname, '../../../test/fixtures');
const read = (file: string) => readFileSync(path.resolve(__dirname, '../../..', file), 'utf8');
const selfHosted = (gpu: string, throughputTps: number, quantization = 'int4') => ({ selfHosted: { gpu, gpus: 1, quantization, throughputTps } });

/** Configs that put every kind of comparison in front of the verdict. */
const CONFIGS: { name: string; text: string }[] = [
  { name: 'the example', text: read('examples/llm.config.json') },
  { name: 'the team config', text: readFileSync(path.join(fixtures, 'team/llm.config.json'), 'utf8') },
  ...[1, 30, 240, 3000].map((volume) => ({
    name: `API and self-hosted at ${volume}M`,
    text: JSON.stringify({
      workloads: [
        { name: 'api-alt', model: 'gpt-4o', monthlyTokens: `${volume}M`, alternatives: [{ model: 'llama-3.1-70b', ...selfHosted('a100-80gb', 600) }] },
        { name: 'open-api', model: 'llama-3.1-70b', monthlyTokens: `${volume}M` },
        { name: 'hosted', model: 'llama-3.1-70b', monthlyTokens: `${volume}M`, deployment: selfHosted('a100-80gb', 900), alternatives: [{ model: 'gpt-4o' }, { model: 'claude-3.5-sonnet' }] },
        { name: 'closed', model: 'claude-3.5-sonnet', monthlyTokens: `${volume}M` },
        { name: 'embed', model: 'text-embedding-3-small', monthlyTokens: `${volume}M` },
      ],
    }),
  })),
];

function verdictOf(a: Analysis, workload: number): string | undefined {
  return a.lenses.find((l) => l.workload === workload && l.kind === 'crossover')?.title;
}

describe('one verdict per workload: the lens and the findings agree', () => {
  const catalog = cliCatalog().catalog;
  for (const { name, text } of CONFIGS) {
    it(name, () => {
      const a = analyze(text, { catalog });
      for (const w of a.workloads) {
        const verdict = verdictOf(a, w.index);
        const findings = a.findings.filter((f) => f.workload === w.index);
        const apiCheaper = findings.filter((f) => f.code === 'api-cheaper');
        const selfCheaper = findings.filter((f) => f.code === 'self-host-cheaper');
        const label = `${name} / ${w.name}: ${verdict}`;
        if (verdict === undefined) {
          // Nothing compared: no finding compares either.
          assert.deepEqual([...apiCheaper, ...selfCheaper].length, 0, label);
          continue;
        }
        if (w.deployment === 'self-hosted') {
          const cheaperApi = /^(?:(\S+) )?API would be/.test(verdict);
          if (cheaperApi) assert.ok(apiCheaper.length > 0, `${label}: a warning says an API is cheaper`);
          else assert.equal(apiCheaper.length, 0, `${label}: no warning says an API is cheaper`);
        } else {
          const cheaperSelf = /^self-hosting (\S+) would be/.exec(verdict)?.[1];
          if (cheaperSelf) assert.ok(selfCheaper.some((f) => f.message.includes(`self-hosting ${cheaperSelf}`)), `${label}: the finding names the same setup`);
          else assert.equal(selfCheaper.length, 0, `${label}: no finding says self-hosting is cheaper now`);
          if (/never wins/.test(verdict)) assert.ok(!selfCheaper.length, label);
        }
        // The cheapest setup of a self-hosted alternative's model: its lens and the verdict weigh the same setups.
        for (const lens of a.lenses.filter((l) => l.workload === w.index && l.kind === 'cheapest' && l.alternative !== undefined)) {
          const alt = w.alternativeCheapest.find((x) => x.alternative === lens.alternative)!;
          // The lens is short; the first line of its explanation is the sentence with the model named.
          const sentence = explanationLines(lens.explanation)[0]!;
          assert.ok(sentence.startsWith(`cheapest self-hosted ${alt.model}: ${alt.cheapest.label}`), `${label} / ${sentence}`);
          const beats = w.monthlyCostUsd !== null && alt.cheapest.monthlyUsd < w.monthlyCostUsd;
          assert.equal(/ less than the /.test(sentence), beats, `${label} / ${sentence}`);
          assert.equal(/ saves /.test(lens.title), beats, `${label} / ${lens.title}`);
          if (!beats) continue;
          const selfCost = /^self-hosting (\S+) would be \$([\d,.]+)\/mo/.exec(verdict);
          assert.ok(selfCost, `${label}: the verdict says self-hosting is cheaper, as the lens ${lens.title} does`);
          assert.ok(Number(selfCost[2]!.replace(/,/g, '')) <= Math.round(alt.cheapest.monthlyUsd), `${label}: the verdict's setup is no dearer than the cheapest one's ${alt.cheapest.monthlyUsd}`);
          assert.ok(selfCheaper.some((f) => f.message.includes(`self-hosting ${alt.model} (`)), `${label}: a finding says self-hosting ${alt.model} is cheaper`);
        }
      }
    });
  }

  it('an API workload gets the cheapest-setup lens of each self-hosted alternative of an open model, once a model', () => {
    const text = JSON.stringify({
      workloads: [
        {
          name: 'support',
          model: 'gpt-4o',
          monthlyTokens: '300M',
          alternatives: [{ model: 'llama-3.1-70b', ...selfHosted('a100-80gb', 600) }, { model: 'llama-3.1-70b', selfHosted: { gpu: 'h200', quantization: 'fp8' } }, { model: 'gpt-4o-mini' }],
        },
      ],
    });
    const a = analyze(text, { catalog });
    const lenses = a.lenses.filter((l) => l.kind === 'cheapest');
    // 300M tok/mo through gpt-4o at $6.25/M is $1,875; one MI300X droplet at DigitalOcean's $1.99 × 720 h in FP8 is
    // $1,432.80 (one A100 80GB at $856.80 holds the 70B only in int4-awq, whose quality is unmeasured for it).
    assert.deepEqual(lenses.map((l) => l.title), ['1× mi300x · fp8 saves $442/mo']);
    assert.equal(explanationLines(lenses[0]!.explanation)[0], 'cheapest self-hosted llama-3.1-70b: 1× mi300x · fp8 · 1 replica · $1,433/mo, $442 less than the gpt-4o API (the declared setup costs less: $857/mo)');
    assert.equal(text.slice(lenses[0]!.offset, lenses[0]!.offset + lenses[0]!.length), '"llama-3.1-70b"');
    // The verdict is the declared A100 setup's, the cheaper of what the file names.
    assert.equal(verdictOf(a, 0), 'self-hosting llama-3.1-70b would be $857/mo, $1,018 less');
    assert.match(explanationLines(lenses[0]!.explanation).join('\n'), /searched \d+ setups/);
  });

  it('compares only what the file names and the other way of running its own model, unless asked', () => {
    const text = CONFIGS[3]!.text;
    const a = analyze(text, { catalog });
    const byName = new Map(a.workloads.map((w) => [w.name, w]));
    assert.equal(byName.get('closed')!.crossovers.length, 0, 'an API-only model with no alternatives is compared with nothing');
    assert.equal(byName.get('embed')!.crossovers.length, 0, 'embeddings are never compared with self-hosted chat setups');
    assert.deepEqual(byName.get('open-api')!.crossovers.map((c) => c.selfHostModel), ['llama-3.1-70b'], 'an open model behind an API: self-hosting its own weights');
    assert.deepEqual(byName.get('hosted')!.crossovers.map((c) => c.apiModel).sort(), ['claude-3.5-sonnet', 'gpt-4o', 'llama-3.1-70b'], 'its own API and the two it names');
    const asked = analyze(text, { catalog, compareWithCatalog: true });
    assert.ok(asked.workloads.find((w) => w.name === 'closed')!.crossovers.length > 0, 'the catalog setups, when asked for');
    assert.equal(asked.workloads.find((w) => w.name === 'embed')!.crossovers.length, 0);
  });
});
