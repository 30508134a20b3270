/**
 * A workload's bill as its fields state it: the long-context tier its prompts reach (from
 * requestShape.inputTokens) and the share of its output that is reasoning, on the shipped
 * price table, for the workload and for the API alternatives it names alike.
 */
import * as assert from 'node:assert/strict';
import { analyze, explanationLines } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const shipped = cliCatalog().catalog;
const near = (actual: number | null | undefined, expected: number) => assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

function workload(fields: Record<string, unknown>) {
  const text = JSON.stringify({ workloads: [{ name: 'w', model: 'claude-sonnet-4-5', monthlyTokens: '100M', ...fields }] }, null, 2);
  const analysis = analyze(text, { catalog: shipped });
  return { text, analysis, result: analysis.workloads[0]! };
}

describe('billing: the long-context tier and reasoning tokens', () => {
  it('the shipped entries: Claude Sonnet 4.5 above 200K tokens, Qwen Plus with a reasoning price', () => {
    const sonnet = shipped.prices!.entries.find((e) => e.key === 'claude-sonnet-4-5')!;
    assert.deepEqual([sonnet.inputPerMillionUsd, sonnet.outputPerMillionUsd], [3, 15]);
    assert.deepEqual(sonnet.tiers?.map((t) => [t.aboveTokens, t.inputPerMillionUsd, t.outputPerMillionUsd]), [[200_000, 6, 22.5]]);
    const qwen = shipped.prices!.entries.find((e) => e.key === 'dashscope/qwen-plus-2025-04-28')!;
    assert.deepEqual([qwen.inputPerMillionUsd, qwen.outputPerMillionUsd, qwen.reasoningPerMillionUsd], [0.4, 1.2, 4]);
  });

  it('a prompt above the tier bills the whole call at the tier’s prices; one below it, at the list prices', () => {
    // 250,000 in, 2,000 out: input share 250/252; 0.99206 × $6 + 0.0079365 × $22.50.
    const long = workload({ requestShape: { inputTokens: 250_000, outputTokens: 2_000 } });
    near(long.result.costPerMillionUsd, (250_000 * 6 + 2_000 * 22.5) / 252_000);
    near(long.result.costPerMillionUsd, 6.130952380952381);
    near(long.result.monthlyCostUsd, 613.0952380952381);
    assert.match(explanationLines(long.result.explanation).join('\n'), /long-context tier: an average prompt of 250,000 tokens is above 200,000/);
    // 150,000 in: below the tier, at $3 and $15.
    const short = workload({ requestShape: { inputTokens: 150_000, outputTokens: 2_000 } });
    near(short.result.costPerMillionUsd, (150_000 * 3 + 2_000 * 15) / 152_000);
    near(short.result.costPerMillionUsd, 3.1578947368421053);
    // No shape: the default request, list prices.
    near(workload({}).result.costPerMillionUsd, 9);
  });

  it('reasoning tokens are output tokens, billed at the host’s reasoning price where it has one', () => {
    // Of 1,000 output tokens, 800 are reasoning: 0.5 × $0.40 + 0.1 × $1.20 + 0.4 × $4 per million.
    const qwen = workload({ model: 'dashscope/qwen-plus-2025-04-28', requestShape: { inputTokens: 1_000, outputTokens: 1_000, reasoningTokens: 800 } });
    near(qwen.result.costPerMillionUsd, 1.92);
    assert.match(explanationLines(qwen.result.explanation).join('\n'), /reasoning, billed as output 0\.4M × \$4\/M/);
    near(workload({ model: 'dashscope/qwen-plus-2025-04-28', requestShape: { inputTokens: 1_000, outputTokens: 1_000 } }).result.costPerMillionUsd, 0.8);
    // A host that bills reasoning as output: the same price with or without them.
    near(workload({ requestShape: { inputTokens: 1_000, outputTokens: 1_000, reasoningTokens: 800 } }).result.costPerMillionUsd, 9);
  });

  it('more reasoning tokens than output tokens is an error at the field', () => {
    const { text, analysis } = workload({ requestShape: { inputTokens: 1_000, outputTokens: 100, reasoningTokens: 800 } });
    const error = analysis.findings.find((f) => f.severity === 'error')!;
    assert.equal(error.code, 'schema');
    assert.match(error.message, /reasoningTokens: at most outputTokens: reasoning tokens are counted among the output tokens/);
    assert.equal(text.slice(error.offset, error.offset + error.length), '800');
  });

  it('an API alternative of a self-hosted workload is billed for the same prompts', () => {
    const text = JSON.stringify({
      workloads: [
        {
          name: 'long documents',
          model: 'llama-3.1-70b',
          monthlyTokens: '500M',
          requestShape: { inputTokens: 250_000, outputTokens: 2_000 },
          deployment: { selfHosted: { gpu: 'h100-80gb', gpus: 4, quantization: 'fp16', throughputTps: 2000 } },
          alternatives: [{ model: 'claude-sonnet-4-5' }],
        },
      ],
    });
    const crossover = analyze(text, { catalog: shipped }).workloads[0]!.crossovers.find((c) => c.apiModel === 'claude-sonnet-4-5');
    assert.ok(crossover, 'a crossover against the named API');
    near(crossover.apiPricePerMillionUsd, 6.130952380952381);
  });
});
