/**
 * The month priced: a dated price (an introductory rate, a price change) is billed at the
 * prices in effect in the month the analysis costs, and the explanation says which month and
 * what changes next. The engine reads no clock: every month here is explicit.
 */
import * as assert from 'node:assert/strict';
import { analyze, explanationLines, findModel, listPricesIn, recommend, recommendForAnalysis } from '../../src/engine';
import { cliCatalog } from '../../src/cli/catalogFiles';

const catalog = cliCatalog().catalog;
const config = (assumptions?: Record<string, unknown>) =>
  JSON.stringify({ ...(assumptions ? { assumptions } : {}), workloads: [{ name: 'chat', model: 'gemini-3.7-flash', monthlyTokens: '100M' }] }, null, 1);
const explanation = (a: ReturnType<typeof analyze>) => explanationLines(a.workloads[0]!.explanation).join('\n');

describe('the month priced', () => {
  it('gemini-3.7-flash in 2026-12, at its introductory rate: 50M × $0.75 + 50M × $3.75', () => {
    const a = analyze(config({ month: '2026-12' }), { catalog });
    assert.equal(a.workloads[0]!.monthlyCostUsd, 225);
    assert.equal(a.workloads[0]!.billing.month, '2026-12');
    assert.match(explanation(a), /priced for 2026-12; the prices hold until 2026-12-31; from 2027-01-01: \$1\.50\/M input, \$7\.50\/M output/);
    assert.equal(a.lenses.find((l) => l.kind === 'cost')!.title, '$225/mo · gemini-3.7-flash API');
  });

  it('gemini-3.7-flash in 2027-01, after it: 50M × $1.50 + 50M × $7.50', () => {
    const a = analyze(config({ month: '2027-01' }), { catalog });
    assert.equal(a.workloads[0]!.monthlyCostUsd, 450);
    assert.match(explanation(a), /priced for 2027-01; priced at the prices in effect from 2027-01-01: \$1\.50\/M input, \$7\.50\/M output/);
  });

  it('the front end\'s month is a default the file overrides; a command line\'s month overrides the file', () => {
    assert.equal(analyze(config(), { catalog, assumptions: { month: '2027-01' } }).workloads[0]!.monthlyCostUsd, 450);
    assert.equal(analyze(config({ month: '2026-12' }), { catalog, assumptions: { month: '2027-01' } }).workloads[0]!.monthlyCostUsd, 225);
    assert.equal(analyze(config({ month: '2026-12' }), { catalog, month: '2027-01' }).workloads[0]!.monthlyCostUsd, 450);
  });

  it('without a month, the prices of the table\'s date, and what changes next', () => {
    const a = analyze(config(), { catalog });
    assert.equal(a.workloads[0]!.monthlyCostUsd, 225);
    assert.equal(a.workloads[0]!.billing.month, undefined);
    assert.match(explanation(a), /the prices hold until 2026-12-31/);
  });

  it('a malformed month is an error at the field, and the prices of the table\'s date apply', () => {
    const text = config({ month: '2027-1' });
    const a = analyze(text, { catalog, assumptions: { month: '2027-01' } });
    const f = a.findings.find((x) => x.severity === 'error')!;
    assert.equal(text.slice(f.offset, f.offset + f.length), '"2027-1"');
    assert.match(f.message, /expected a month as "YYYY-MM", such as "2027-01"\./);
    // The file's month is refused, so the front end's default stands.
    assert.equal(a.workloads[0]!.monthlyCostUsd, 450);
  });

  it('Recommend prices the month too: with a workload\'s billing, or the analysis\'s month without one', () => {
    const api = (r: ReturnType<typeof recommend>) => r.recommendations.find((x) => x.model === 'gemini-3.7-flash' && x.deployment === 'api')!;
    assert.equal(api(recommend([], 100, { only: ['gemini-3.7-flash'], month: '2027-01' }, catalog)).monthlyCostUsd, 450);
    assert.equal(api(recommend([], 100, { only: ['gemini-3.7-flash'], month: '2026-12' }, catalog)).monthlyCostUsd, 225);
    const a = analyze(config({ month: '2027-01' }), { catalog });
    assert.equal(api(recommendForAnalysis(a, [], 100, catalog)).monthlyCostUsd, 450);
    assert.equal(api(recommendForAnalysis(a, [], 100, catalog, undefined, a.workloads[0])).monthlyCostUsd, 450);
  });

  it('a card\'s list prices in a month, for what lists and hovers show: the dated entry\'s, with its notes; an undated price as it is', () => {
    const flash = findModel('gemini-3.7-flash', catalog)!.price!;
    assert.deepEqual(listPricesIn(flash, '2027-01'), {
      inputPerMillionUsd: 1.5,
      outputPerMillionUsd: 7.5,
      notes: ['priced for 2027-01', 'priced at the prices in effect from 2027-01-01: $1.50/M input, $7.50/M output'],
    });
    assert.deepEqual([listPricesIn(flash, '2026-12').inputPerMillionUsd, listPricesIn(flash, '2026-12').outputPerMillionUsd], [0.75, 3.75]);
    assert.deepEqual(listPricesIn(findModel('gpt-4o', catalog)!.price!, '2027-01'), { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10, notes: [] });
  });
});
