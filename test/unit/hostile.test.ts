/** The hostile and odd inputs found by fuzzing, a CLI sweep and a security read, one test each. */
import * as assert from 'node:assert/strict';
import { analyze, explanationLines, formatGB, formatNumber, formatTokensM, formatUsd, resolveFix, type Analysis } from '../../src/engine';
import { addedErrors, textAfter } from '../../src/engine/analysis/fixes';
import { analysisJson } from '../../src/cli/report';
import { UNFORMATTED } from './fuzz.test';

const config = (workload: object, extra: object = {}) => JSON.stringify({ ...extra, workloads: [{ name: 'w', model: 'llama-3.1-70b', monthlyTokens: '100M', ...workload }] }, null, 2);
const covered = (text: string, f: { offset: number; length: number }) => text.slice(f.offset, f.offset + f.length);
const shown = (a: Analysis) => [...a.findings.map((f) => f.message), ...a.findings.flatMap((f) => (f.fixes ?? []).map((x) => x.title)), ...a.lenses.map((l) => l.title), ...a.lenses.flatMap((l) => explanationLines(l.explanation))];

describe('hostile input: regressions', () => {
  it('a volume of one digit, 100,000 blanks and a letter is a schema error at that string (the pattern no longer backtracks)', () => {
    const volume = `1${' '.repeat(100_000)}x`;
    const text = config({ monthlyTokens: volume });
    const a = analyze(text);
    const f = a.findings.find((x) => x.code === 'schema')!;
    assert.equal(covered(text, f), JSON.stringify(volume));
    assert.match(f.message, /expected a token count such as "240M"/);
  });

  it('a price of $0 never breaks even, said in words: no "Infinity" lens, no crossover figure', () => {
    const text = config({ model: 'gpt-4o', blendedPricePerMillion: 0, alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'a100-80gb', gpus: 4, quantization: 'fp16' } }] });
    const a = analyze(text);
    assert.deepEqual(a.workloads[0]!.crossovers, []);
    const never = a.findings.find((f) => f.code === 'self-host-never-wins')!;
    assert.match(never.message, /as good as free: self-hosting llama-3\.1-70b .* cannot beat it at any volume/);
    assert.equal(covered(text, never), '"llama-3.1-70b"');
    assert.deepEqual(shown(a).filter((t) => UNFORMATTED.test(t)), []);
  });

  it('a tiny throughput is a schema error, not "Infinity replicas", and no fix writes replicas past the limit', () => {
    const text = config({ deployment: { selfHosted: { gpu: 'a100-80gb', gpus: 2, throughputTps: 1e-300 } } });
    const a = analyze(text);
    const f = a.findings.find((x) => x.code === 'schema')!;
    assert.equal(covered(text, f), '1e-300');
    assert.match(f.message, /throughputTps: must be at least 0\.001/);
    assert.deepEqual(shown(a).filter((t) => UNFORMATTED.test(t)), []);
  });

  it('more replicas than a config can set: a finding in words, no cost, and no "Set replicas" fix', () => {
    const text = config({ monthlyTokens: 1e16, deployment: { selfHosted: { gpu: 'a100-80gb', gpus: 2, throughputTps: 0.001 } } });
    const a = analyze(text);
    const w = a.workloads[0]!;
    assert.equal(w.monthlyCostUsd, null);
    const f = a.findings.find((x) => x.code === 'out-of-range')!;
    assert.match(f.message, /needs 3,858,024,691,359 replicas of 2\.6K tok\/mo each, more than the 1,000,000 a config can set/);
    assert.equal(covered(text, f), '0.001');
    assert.ok(!a.findings.some((x) => x.fixes?.some((fix) => /replicas/.test(fix.title))));
    assert.deepEqual(shown(a).filter((t) => UNFORMATTED.test(t)), []);
  });

  it('huge figures are formatted, never raw exponents', () => {
    assert.equal(formatNumber(3.8580246913580243e306), '3.86 × 10^306');
    assert.equal(formatUsd(8.5e28), '$8.5 × 10^28');
    assert.equal(formatUsd(-2e21), '-$2 × 10^21');
    assert.equal(formatGB(1e29), '1 × 10^29 GB');
    assert.equal(formatTokensM(1e16), '1 × 10^22 tokens');
    assert.equal(formatNumber(9.999e15), '10 quadrillion');
    assert.equal(formatUsd(0.004), '$0.004');
    assert.equal(formatUsd(1e-300), '<$0.000001');
    assert.equal(formatTokensM(0), '0');
  });

  it('1e400 in a requirements list is quoted as written, not as "null"', () => {
    const text = '{"requirements": [1e400], "workloads": [{"name": "w", "model": "gpt-4o", "monthlyTokens": "1M"}]}';
    const f = analyze(text).findings.find((x) => x.code === 'schema')!;
    assert.equal(f.message.startsWith('requirements[0]: 1e400 is not one of "data_privacy"'), true, f.message);
    assert.equal(covered(text, f), '1e400');
  });

  it('--json never turns a figure into a silent null: every number of the report is finite', () => {
    const text = config({ model: 'gpt-4o', blendedPricePerMillion: 5e-324, monthlyTokens: 1e-300, alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'h200-141gb', quantization: 'fp8' } }] });
    const report = analysisJson(analyze(text), text);
    const numbers: number[] = [];
    JSON.stringify(report, (_, v: unknown) => (typeof v === 'number' && numbers.push(v), v));
    assert.ok(numbers.length > 10);
    assert.deepEqual(numbers.filter((n) => !Number.isFinite(n)), []);
  });

  it('a mistyped field is reported at the field, with what was expected and what was written', () => {
    const text = config({ deployment: { selfHosted: { gpu: 'a100-80gb', gpus: '2', replicas: 2.5 } } });
    const schema = analyze(text).findings.filter((f) => f.code === 'schema');
    assert.deepEqual(
      schema.map((f) => [covered(text, f), f.message]),
      [
        ['"2"', 'workloads[0].deployment.selfHosted.gpus: expected a whole number, got the string "2".'],
        ['2.5', 'workloads[0].deployment.selfHosted.replicas: expected a whole number, got the number 2.5.'],
      ],
    );
  });

  it('a setup key with the wrong case is an unknown property with its did-you-mean, not a union mismatch', () => {
    const text = config({ deployment: { selfhosted: { gpu: 'a100-80gb' } } });
    const a = analyze(text);
    const unknown = a.findings.find((f) => f.code === 'unknown-property')!;
    assert.equal(covered(text, unknown), '"selfhosted"');
    assert.match(unknown.message, /Did you mean "selfHosted"\?/);
    assert.ok(!a.findings.some((f) => f.message.includes('expected "api" or')));
  });

  it('one bound per field: no "at most 9007199254740991" beside the schema\'s own limit', () => {
    const text = config({ deployment: { selfHosted: { gpu: 'a100-80gb', replicas: 1e100 } } });
    const messages = analyze(text).findings.filter((f) => f.code === 'schema').map((f) => f.message);
    assert.deepEqual(messages, ['workloads[0].deployment.selfHosted.replicas: must be at most 1,000,000']);
  });

  it('text with a comment nested 5,000 deep keeps every real finding of the file', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const text = `// nested\n{"extra": ${deep}, "workloads": [{"name": "w", "model": "gpt-4oo", "monthlyTokens": "1M"}]}`;
    const codes = analyze(text).findings.map((f) => f.code);
    assert.ok(!codes.includes('internal-error'));
    assert.ok(codes.includes('unknown-model') && codes.includes('unknown-property'), codes.join(', '));
  });

  it('a fix that would trade its error for another is seen as such (the editor does not offer it)', () => {
    // Only an API model is allowed, and the data must stay in-house: switching to it breaks data_privacy.
    const text = config({ model: 'qwen-2.5-72b', deployment: { selfHosted: { gpu: 'h200-141gb', quantization: 'fp8' } }, requirements: ['data_privacy'] }, { allowedModels: ['gpt-4o'] });
    const before = analyze(text);
    const notAllowed = before.findings.find((f) => f.code === 'model-not-allowed')!;
    const fix = resolveFix(notAllowed.fixes![0]!)!;
    assert.equal(fix.title, 'Change to "gpt-4o" through its API');
    const added = addedErrors(before, analyze(textAfter(text, fix.edits)!));
    assert.deepEqual(added.map((f) => f.code), ['conflict-data_privacy']);
  });

  it('"did you mean" where a setup is written offers only models that can be self-hosted', () => {
    const text = config({ model: 'gpt-4oo', deployment: { selfHosted: { gpu: 'a100-80gb' } } });
    const f = analyze(text).findings.find((x) => x.code === 'unknown-model')!;
    assert.ok(!/gpt-4o"/.test(f.message), f.message);
  });
});
