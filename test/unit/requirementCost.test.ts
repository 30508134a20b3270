/**
 * Requirements decide what is an option: an API that data_privacy rules out is never shown
 * as cheaper than a self-hosted workload, by the lens or the findings; what the requirement
 * costs is said instead.
 */
import * as assert from 'node:assert/strict';
import { analyze, headlineCrossover } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { ruledOutBy } from '../../src/engine/analysis/requirementRules';

const catalog = cliCatalog().catalog;
const workload = (over: object = {}) => ({ name: 'w', model: 'llama-3.1-8b', monthlyTokens: '100M', deployment: { selfHosted: { gpu: 'l4', gpuHourlyUsd: 0.8 } }, ...over });

describe('requirements decide what is an option', () => {
  it('data_privacy rules out an API, and nothing else rules out a deployment', () => {
    assert.equal(ruledOutBy(['best_math_code', 'data_privacy'], 'api'), 'data_privacy');
    assert.equal(ruledOutBy(['data_privacy'], 'self-hosted'), undefined);
    assert.equal(ruledOutBy(['quick_prototype', 'budget_under_100', 'context_1m'], 'api'), undefined);
  });

  for (const [where, config] of [
    ['the workload’s own', { workloads: [workload({ requirements: ['data_privacy'] })] }],
    ['the project’s', { requirements: ['data_privacy'], workloads: [workload()] }],
  ] as const) {
    it(`under ${where} data_privacy, the lens and the finding say what the requirement costs, never that the API is cheaper`, () => {
      const a = analyze(JSON.stringify(config), { catalog });
      const w = a.workloads[0]!;
      // 1 × L4 at $0.80 × 720 h = $576; the Llama 3.1 8B API at $0.22/M × 100M = $22.
      assert.equal(w.monthlyCostUsd, 576);
      const lens = a.lenses.find((l) => l.workload === 0 && l.kind === 'crossover')!;
      assert.equal(lens.title, 'data_privacy costs $554/mo over llama-3.1-8b API');
      assert.equal(headlineCrossover(w)!.ruledOutBy, 'data_privacy');
      assert.deepEqual(a.findings.filter((f) => f.code === 'api-cheaper'), []);
      const cost = a.findings.find((f) => f.code === 'requirement-cost')!;
      assert.equal(cost.severity, 'information');
      assert.equal(cost.message, 'data_privacy rules out the Llama 3.1 8B API, which would cost $22/mo at 100M tok/mo: the requirement costs $554/mo here ($576/mo self-hosted).');
      for (const l of a.lenses) assert.doesNotMatch(l.title, /API would be .* less/, l.title);
    });
  }

  it('without the requirement the same workload is told the API is cheaper', () => {
    const a = analyze(JSON.stringify({ workloads: [workload()] }), { catalog });
    assert.equal(a.lenses.find((l) => l.workload === 0 && l.kind === 'crossover')!.title, 'API would be $22/mo, $554 less');
    assert.ok(a.findings.some((f) => f.code === 'api-cheaper'));
    assert.ok(!a.findings.some((f) => f.code === 'requirement-cost'));
  });
});
