import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { applyEdits, modify, visit } from 'jsonc-parser';
import { analyze, explanationLines, resolveFix, type Analysis, type Finding } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/engine');
const examples = path.resolve(__dirname, '../../../examples');
const read = (file: string) => readFileSync(file, 'utf8');
const fixture = (name: string) => read(path.join(fixtures, name));

function findingsWith(a: Analysis, code: string): Finding[] {
  return a.findings.filter((f) => f.code === code);
}

/** The text a finding's range covers. */
function covered(text: string, f: { offset: number; length: number }): string {
  return text.slice(f.offset, f.offset + f.length);
}

function workload(a: Analysis, name: string) {
  const w = a.workloads.find((x) => x.name === name);
  assert.ok(w, `workload ${name}`);
  return w;
}

const round = (n: number | null | undefined, digits = 2) => (n === null || n === undefined ? n : Number(n.toFixed(digits)));

describe('analyze: the article\'s cost table from a config', () => {
  const text = fixture('seed-setups.json');
  const a = analyze(text);

  it('self-hosted setups use the article\'s batch-1 throughput, capacity and fixed cost', () => {
    const llama = workload(a, 'llama-70b').selfHost!;
    assert.equal(llama.throughputTps, 25);
    assert.equal(llama.throughputSource, 'seed');
    assert.equal(round(llama.capacityTokensM), 64.8);
    assert.equal(llama.fixedMonthlyUsd, 1800);
    assert.equal(round(llama.costPerMillionAtCapacityUsd), 27.78);
    assert.equal(llama.replicas, 1);
    assert.equal(llama.fits, true);

    const qwen = workload(a, 'qwen-72b').selfHost!;
    assert.equal(qwen.throughputTps, 22);
    assert.equal(round(qwen.capacityTokensM, 3), 57.024);
    assert.equal(qwen.fixedMonthlyUsd, 1800);

    const l405 = workload(a, 'llama-405b').selfHost!;
    assert.equal(l405.throughputTps, 30);
    assert.equal(round(l405.capacityTokensM), 77.76);
    assert.equal(l405.fixedMonthlyUsd, 21600);
    assert.equal(round(l405.costPerMillionAtCapacityUsd), 277.78);
    assert.equal(l405.fits, true, '810 GB of FP16 weights fit in 12× A100 80GB');
    assert.equal(workload(a, 'llama-405b').monthlyCostUsd, 21600);
  });

  it('API workloads: GPT-4o $750, Claude $900, DeepSeek V3 API $55 at 100M tok/mo, with aliases resolved', () => {
    assert.equal(workload(a, 'gpt-4o').monthlyCostUsd, 750);
    assert.equal(workload(a, 'gpt-4o').model, 'gpt-4o');
    assert.equal(workload(a, 'claude').monthlyCostUsd, 900);
    assert.equal(workload(a, 'claude').model, 'claude-3.5-sonnet');
    assert.equal(round(workload(a, 'deepseek-api').monthlyCostUsd), 55);
  });

  it('the article\'s DeepSeek V3 INT4 on 4× A100 does not fit: 335.5 GB of weights in 343.6 GB, with nothing left for KV cache and runtime', () => {
    const deepseek = workload(a, 'deepseek');
    assert.equal(deepseek.selfHost!.fits, false);
    assert.equal(deepseek.monthlyCostUsd, null, 'a setup that does not fit is an error, not a price');
    assert.equal(round(deepseek.selfHost!.memoryAvailableGB, 1), 343.6);
    const [f] = findingsWith(a, 'does-not-fit');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /weights 335\.5 GB/);
    assert.equal(covered(text, f), '"a100-80gb"');
  });

  it('the total counts only what has a price', () => {
    assert.equal(round(a.totalMonthlyCostUsd), round(1800 + 21600 + 1800 + 750 + 900 + 55));
    assert.equal(a.lenses[0]!.kind, 'total');
    assert.equal(a.lenses[0]!.title, 'Total $26,905/mo + 1 unpriced across 7 workloads');
    assert.deepEqual(a.unpricedWorkloads.map((w) => w.name), ['deepseek']);
  });

  it('counts an entry it cannot evaluate as unpriced, never as $0, and still checks the GPU of an unknown self-hosted model', () => {
    const text = JSON.stringify({
      workloads: [
        { name: 'priced', model: 'gpt-4o', monthlyTokens: '100M' },
        { name: 'bad volume', model: 'gpt-4o', monthlyTokens: 'lots' },
        { name: 'own model', model: 'acme-internal-7b', monthlyTokens: '10M', deployment: { selfHosted: { gpu: 'a100-80gbb' } } },
      ],
    });
    const b = analyze(text);
    assert.deepEqual(b.unpricedWorkloads, [{ index: 1, name: 'bad volume' }, { index: 2, name: 'own model' }]);
    assert.equal(b.lenses[0]!.title, `Total ${'$625'}/mo + 2 unpriced across 3 workloads`);
    const gpu = b.findings.find((f) => f.code === 'unknown-gpu')!;
    assert.equal(covered(text, gpu), '"a100-80gbb"');
    assert.match(gpu.message, /Did you mean "a100-80gb"\?/);
    const own = b.workloads.find((w) => w.name === 'own model')!;
    assert.equal(own.deployment, 'self-hosted');
    assert.equal(own.monthlyCostUsd, null);
  });
});

describe('analyze: the example config, as a newcomer writes it', () => {
  const text = read(path.join(examples, 'llm.config.json'));
  const a = analyze(text, { catalog: cliCatalog().catalog });

  it('opens with no error or warning; the one information says what data_privacy costs', () => {
    assert.deepEqual(a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.message), []);
    const information = a.findings.filter((f) => f.severity === 'information');
    assert.deepEqual(information.map((f) => f.code), ['requirement-cost']);
    assert.equal(covered(text, information[0]!), '"1B"');
    assert.equal(
      information[0]!.message,
      'data_privacy rules out the Llama 3.1 8B API, which would cost $220/mo at 1B tok/mo: the requirement costs $96.80/mo here ($317/mo self-hosted).',
    );
  });

  it('prices each workload: list prices at its input share, and rented GPUs at the cheapest offer that rents them', () => {
    // $0.15 in and $0.60 out, half and half: $0.375/M × 300M.
    assert.equal(workload(a, 'support-chat').monthlyCostUsd, 112.5);
    // $3 in and $15 out at 90% input: $4.20/M × 40M.
    assert.equal(round(workload(a, 'code-review').monthlyCostUsd), 168);
    const triage = workload(a, 'ticket-triage');
    assert.equal(triage.selfHost!.label, '1× l4 · fp16 · 984 tok/s');
    // One L4 in RunPod's Secure Cloud at $0.44 an hour × 720 h (Google Cloud's g2-standard-4, $0.70683, is next).
    assert.equal(round(triage.monthlyCostUsd!, 4), 316.8);
    assert.equal(round(a.totalMonthlyCostUsd, 1), 597.3);
  });
});

describe('analyze: the article’s scenario (examples/open-vs-closed-2026)', () => {
  const text = read(path.join(examples, 'open-vs-closed-2026/llm.config.json'));
  const a = analyze(text);

  it('prices the API workload from the blended price and explains it', () => {
    const chat = workload(a, 'support-chat');
    assert.equal(chat.monthlyTokensM, 100);
    assert.equal(chat.monthlyCostUsd, 750);
    assert.equal(chat.costPerMillionUsd, 7.5);
    assert.ok(explanationLines(chat.explanation).some((l) => l.includes('V × P') && l.includes('V = 100') && l.includes('P = 7.5')), explanationLines(chat.explanation).join('\n'));
  });

  it('the crossover against the 25 tok/s alternative: 240M, unreachable, 92.6 tok/s to break even', () => {
    const [c] = workload(a, 'support-chat').crossovers;
    assert.equal(c!.crossoverTokensM, 240);
    assert.equal(c!.makesSense, false);
    assert.equal(round(c!.breakEvenThroughputTps, 1), 92.6);
    assert.equal(c!.origin, 'alternative');
    const lensTitles = a.lenses.filter((l) => l.workload === 0).map((l) => l.title);
    assert.deepEqual(lensTitles, [
      '$750/mo · gpt-4o API',
      'self-hosting llama-3.1-70b never wins at 25 tok/s',
    ]);
    // The break-even throughput the lens leaves out is the first line of its explanation.
    const verdict = a.lenses.find((l) => l.workload === 0 && l.kind === 'crossover')!;
    assert.equal(explanationLines(verdict.explanation)[0], 'self-hosting llama-3.1-70b never wins at 25 tok/s — needs ≥ 92.59 tok/s');
    const [never] = findingsWith(a, 'self-host-never-wins');
    assert.equal(covered(text, never!), '"llama-3.1-70b"');
    assert.match(never!.message, /\$27\.78\/M at full use against \$7\.50\/M/);
  });

  it('the batched self-hosted workload: 600 tok/s serves 1,555M a month on one A100; the article’s crossovers, 240M against GPT-4o and 200M against Claude', () => {
    const batch = workload(a, 'batch-summaries');
    assert.equal(batch.monthlyTokensM, 240);
    assert.equal(batch.selfHost!.capacityTokensM, 1555.2);
    assert.equal(batch.monthlyCostUsd, 1800);
    assert.equal(batch.costPerMillionUsd, 7.5);
    const vsGpt = batch.crossovers.find((c) => c.apiModel === 'gpt-4o')!;
    assert.equal(vsGpt.apiPricePerMillionUsd, 7.5, 'GPT-4o at the article’s blend');
    assert.equal(vsGpt.crossoverTokensM, 240);
    assert.equal(vsGpt.makesSense, true);
    const vsClaude = batch.crossovers.find((c) => c.apiModel === 'claude-3.5-sonnet')!;
    assert.equal(vsClaude.apiPricePerMillionUsd, 9);
    assert.equal(vsClaude.crossoverTokensM, 200);
    // The lens gives the verdict at this volume: its own model's API is the cheaper way, as the warning says.
    assert.ok(a.lenses.some((l) => l.workload === 1 && l.title === 'API would be $63.60/mo, $1,736 less'));
    // At 240M GPT-4o costs the same $1,800: cheaper is only the model's own API.
    assert.deepEqual(findingsWith(a, 'api-cheaper').map((f) => f.message.match(/the (.+?) API costs (\S+)\/mo/)!.slice(1)), [['Llama 3.1 70B', '$63.60']]);
    // The capacity is in the cost lens's explanation, not a lens of its own.
    const cost = a.lenses.find((l) => l.workload === 1 && l.kind === 'cost')!;
    assert.equal(cost.title, '$1,800/mo · self-hosted');
    assert.ok(explanationLines(cost.explanation).some((l) => l.startsWith('capacity per replica = 1,555 M tokens/month')));
  });

  it('an example 240M-token self-hosted workload at 92.6 tok/s breaks even with GPT-4o at $7.50 exactly', () => {
    const t = JSON.stringify({
      workloads: [{ name: 'x', model: 'gpt-4o', monthlyTokens: '240M', blendedPricePerMillion: 7.5, alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'a100-80gb', quantization: 'int4', throughputTps: 240e6 / (3600 * 720) } }] }],
    });
    const x = analyze(t).workloads[0]!.crossovers[0]!;
    assert.equal(round(x.crossoverTokensM), 240);
    assert.equal(x.makesSense, true);
    assert.ok(analyze(t).lenses.some((l) => l.title === 'at 240M tok/mo self-hosting llama-3.1-70b is cheaper'));
  });
});

describe('analyze: findings point at the exact node', () => {
  it('JSON syntax errors, and the workloads that parsed are still evaluated', () => {
    const text = fixture('broken-syntax.json');
    const a = analyze(text);
    assert.equal(a.syntaxOk, false);
    const [f] = findingsWith(a, 'json-syntax');
    assert.equal(f!.message, 'JSON syntax: Comma expected');
    assert.equal(text.slice(f!.offset, f!.offset + 1), '{');
    assert.equal(a.workloads.length, 2);
    assert.equal(workload(a, 'a').monthlyCostUsd, 625);
  });

  it('schema errors on the offending property, unknown properties as warnings with a fix', () => {
    const text = fixture('broken-schema.json');
    const a = analyze(text);
    const schema = findingsWith(a, 'schema');
    const volume = schema.find((f) => f.message.includes('monthlyTokens'))!;
    assert.equal(covered(text, volume), '"12Q"');
    assert.match(volume.message, /expected a token count such as "240M"/);
    const req = schema.find((f) => f.message.includes('data_privcy'))!;
    assert.equal(covered(text, req), '"data_privcy"');
    assert.match(req.message, /Did you mean "data_privacy"\?/);
    assert.deepEqual(req.fixes![0]!.edits, [{ path: ['workloads', 0, 'requirements', 0], value: 'data_privacy' }]);
    const gpus = schema.find((f) => f.message.includes('gpus'))!;
    assert.equal(covered(text, gpus), '-1');
    const [unknown] = findingsWith(a, 'unknown-property');
    assert.equal(unknown!.severity, 'warning');
    assert.equal(covered(text, unknown!), '"colour"');
  });

  it('an unknown property gets the nearest name the schema accepts at its own level, and a rename that keeps its value', () => {
    const text = JSON.stringify({
      assumptions: { gpuHourly: 1 },
      workloads: [{ name: 'a', model: 'gpt-4o', monthlyTokens: '1M', deployment: { selfHosted: { gpu: 'a100-80gb', quantisation: 'int4' } }, alternatives: [{ model: 'llama-3.1-70b', selfHostd: {} }] }],
      workload: [],
    });
    const found = findingsWith(analyze(text), 'unknown-property');
    assert.deepEqual(found.map((f) => [covered(text, f), f.message.replace(/.*Did you mean /, '')]), [
      ['"gpuHourly"', '"gpuHourlyUsd"?'],
      ['"quantisation"', '"quantization"?'],
      ['"selfHostd"', '"selfHosted"?'],
      ['"workload"', '"workloads"?'],
    ]);
    assert.deepEqual(found[1]!.fixes![0]!.edits, [
      { path: ['workloads', 0, 'deployment', 'selfHosted', 'quantisation'], value: undefined },
      { path: ['workloads', 0, 'deployment', 'selfHosted', 'quantization'], value: 'int4' },
    ]);
  });

  it('unknown model, GPU and quantization, each with "did you mean" and a fix', () => {
    const text = fixture('unknown-ids.json');
    const a = analyze(text);
    const [model] = findingsWith(a, 'unknown-model');
    assert.equal(covered(text, model!), '"gpt-4oo"');
    assert.equal(model!.message, 'Unknown model "gpt-4oo". Did you mean "gpt-4o"?');
    assert.deepEqual(model!.fixes![0]!.edits, [{ path: ['workloads', 0, 'model'], value: 'gpt-4o' }]);
    const [gpu] = findingsWith(a, 'unknown-gpu');
    assert.equal(covered(text, gpu!), '"a100-80"');
    assert.match(gpu!.message, /Did you mean "a100-80gb"\?/);
    assert.deepEqual(gpu!.fixes![0]!.edits, [{ path: ['workloads', 1, 'deployment', 'selfHosted', 'gpu'], value: 'a100-80gb' }]);
  });

  it('a setup that does not fit offers a quantization and a GPU count that do', () => {
    const text = fixture('does-not-fit.json');
    const a = analyze(text);
    const llama = findingsWith(a, 'does-not-fit').find((f) => f.workload === 1)!;
    assert.match(llama.message, /Llama 3\.1 70B at fp16 does not fit in 1× /);
    const titles = llama.fixes!.map((f) => f.title);
    assert.ok(titles.some((t) => t.startsWith('Use fp8') || t.startsWith('Use int8') || t.startsWith('Use bf16')), titles.join());
    assert.ok(titles.includes('Use 2× a100-80gb per replica'), titles.join());
    // Applying the preferred fix makes the finding go away.
    const preferred = llama.fixes!.find((f) => f.preferred)!;
    let fixed = text;
    for (const e of preferred.edits) fixed = applyEdits(fixed, modify(fixed, e.path, e.value, {}));
    assert.equal(findingsWith(analyze(fixed), 'does-not-fit').filter((f) => f.workload === 1).length, 0);
    assert.ok(fixed.includes('// The article’s DeepSeek V3 setup'), 'comments survive the edit');
  });

  it('requirement conflicts cite the figures and point back at the requirement', () => {
    const text = fixture('conflicts.json');
    const a = analyze(text);
    const privacy = findingsWith(a, 'conflict-data_privacy').find((f) => f.workload === 0)!;
    assert.equal(privacy.severity, 'error');
    assert.equal(covered(text, privacy), '"gpt-4o"');
    assert.equal(covered(text, privacy.related![0]!), '"data_privacy"');
    const fix = resolveFix(privacy.fixes![0]!)!;
    assert.match(fix.title, /^Switch to llama-3\.1-70b \(self-hosted, \$[\d,]+\/mo\)$/);
    // The article's setup at the throughput its price was figured at: what the title's dollars are for.
    assert.deepEqual(fix.edits.find((e) => e.path.join('.') === 'workloads.0.deployment')!.value, { selfHosted: { gpu: 'a100-80gb', gpus: 1, quantization: 'int4', throughputTps: 25, replicas: 2 } });
    const open = analyze(JSON.stringify({ requirements: ['data_privacy'], workloads: [{ name: 'x', model: 'gpt-4o', monthlyTokens: '20M' }] }));
    const titles = findingsWith(open, 'conflict-data_privacy')[0]!.fixes!.map((f) => resolveFix(f)?.title);
    assert.deepEqual(titles, ['Switch to llama-3.1-405b (self-hosted, $21,600/mo)', 'Switch to llama-3.1-70b (self-hosted, $1,800/mo)'], 'the best-ranked fix and the cheapest');
    const context = findingsWith(a, 'conflict-context_1m').find((f) => f.workload === 0)!;
    assert.match(context.message, /holds 128K tokens of context; the requirement needs 1M/);
    const safety = findingsWith(a, 'conflict-maximum_safety')[0]!;
    assert.match(safety.message, /Harmful request refusal 75% vs Claude 3\.5 Sonnet 95%\+/i);
    const notAllowed = findingsWith(a, 'model-not-allowed');
    assert.deepEqual(notAllowed.map((f) => covered(text, f)), ['"gpt-4o"', '"deepseek-v3"']);
  });
});

describe('analyze: volumes and units', () => {
  for (const [written, millions] of [['"240M"', 240], ['"500K"', 0.5], ['"1.5B"', 1500], ['2.4e8', 240], ['"100m"', 100]] as const) {
    it(`${written} is ${millions}M tokens`, () => {
      const a = analyze(`{"workloads":[{"name":"w","model":"gpt-4o","monthlyTokens":${written}}]}`);
      assert.equal(a.workloads[0]!.monthlyTokensM, millions);
    });
  }
});

describe('analyze: strict JSON and JSON with comments read alike', () => {
  it('gives the same findings, ranges, figures and lenses whichever reader the text takes', () => {
    // The example has comments (jsonc-parser reads it); the same text with each comment
    // blanked out to spaces is strict JSON (read natively), with every offset unchanged.
    const jsonc = readFileSync(path.resolve(__dirname, '../../../examples/llm.config.json'), 'utf8');
    let strict = jsonc;
    visit(jsonc, { onComment: (offset, length) => void (strict = strict.slice(0, offset) + ' '.repeat(length) + strict.slice(offset + length)) });
    assert.notEqual(strict, jsonc);
    assert.doesNotThrow(() => JSON.parse(strict));
    const view = (a: Analysis) => ({
      findings: a.findings.map((f) => [f.code, f.message, f.offset, f.length]),
      workloads: a.workloads.map((w) => [w.name, w.monthlyCostUsd, w.crossovers.map((c) => c.crossoverTokensM), w.offset, w.length]),
      lenses: a.lenses.map((l) => [l.kind, l.offset, l.title]),
      figures: a.figures.map((f) => [f.field, f.offset, f.length]),
      models: a.modelReferences.map((r) => [r.modelId, r.offset, r.length]),
    });
    const fromJsonc = view(analyze(jsonc));
    assert.ok(fromJsonc.findings.length > 0 && fromJsonc.figures.length > 0);
    assert.deepEqual(view(analyze(strict)), fromJsonc);
  });
});

describe('analyze: hostile and odd input', () => {
  it('empty text, a bare array and a string are findings, not exceptions', () => {
    assert.equal(analyze('').findings[0]!.code, 'empty-config');
    assert.equal(analyze('[]').findings[0]!.code, 'not-an-object');
    assert.equal(analyze('"x"').findings[0]!.code, 'not-an-object');
  });

  it('keeps config text out of formulas\' structure: a hostile name is carried as data', () => {
    const name = '[x](command:workbench.action.quit) <img src=x onerror=alert(1)>';
    const a = analyze(JSON.stringify({ workloads: [{ name, model: 'gpt-4o', monthlyTokens: '1M' }] }));
    assert.equal(a.workloads[0]!.name, name);
  });
});

describe('analyze: files made to be slow', () => {
  it('reports each of thousands of unknown properties of one object at its own name', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `x${i}`);
    const text = JSON.stringify({ workloads: [], ...Object.fromEntries(keys.map((k) => [k, 1])) });
    const unknown = analyze(text).findings.filter((f) => f.code === 'unknown-property');
    assert.equal(unknown.length, keys.length);
    assert.deepEqual([unknown[0], unknown[2999]].map((f) => covered(text, f!)), ['"x0"', '"x2999"']);
  });

  it('points every repeated workload name back at the first workload of that name', () => {
    const text = JSON.stringify({ workloads: Array.from({ length: 2000 }, () => ({ name: 'same', model: 'gpt-4o', monthlyTokens: '1M' })) });
    const a = analyze(text);
    const repeated = a.findings.filter((f) => f.code === 'duplicate-workload-name');
    assert.equal(repeated.length, 1999);
    assert.ok(repeated.every((f) => f.related![0]!.offset === a.workloads[0]!.offset));
  });
});

describe('analyze: memory', () => {
  it('keeps no analysis alive once it is dropped: what is kept across analyses is catalog data', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Assumptions no earlier test used, so this analysis fills the cache of default setups.
    const text = JSON.stringify({ assumptions: { hoursPerMonth: 701, utilization: 0.77 }, workloads: [{ name: 'w', model: 'gpt-4o', monthlyTokens: '90M' }] });
    let analysis: Analysis | undefined = analyze(text, { compareWithCatalog: true });
    assert.equal(analysis.workloads[0]!.crossovers[0]!.origin, 'default');
    const refs = [analysis, analysis.findings, analysis.workloads].map((part) => new WeakRef(part));
    analysis = undefined;
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    assert.deepEqual(refs.map((ref) => ref.deref() === undefined), [true, true, true]);
  });
});
