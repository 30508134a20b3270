/**
 * No raw exponent anywhere a number is printed: tiny figures read "<$0.000001" or in enough
 * decimals, huge ones in words or grouped digits, ordinary ones as they always did. The
 * exact text is pinned for each, and for the CLI's `models` over a price file of tiny prices.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatGB, formatListedUsd, formatNumber, formatTokensM, formatUsd, plainNumber } from '../../src/engine';
import { moveText } from '../../src/engine/catalog/refresh';
import { usdTick } from '../../webview/tabs/cost/chartLayout';
import { csvField } from '../../webview/report';
import { litellmSource } from './priceSources';

const EXPONENT = /\d(?:\.\d+)?e[+-]?\d/i;

describe('formatting: tiny, huge and ordinary figures', () => {
  it('formatNumber', () => {
    const cases: [number, string][] = [
      [0, '0'], [1e-7, '<0.000001'], [-1e-7, '>-0.000001'], [4.941e-318, '<0.000001'], [0.000022, '0.000022'], [0.5, '0.5'],
      [2.5, '2.5'], [1_019_500, '1,019,500'], [1e15, '1 quadrillion'], [3.05e16, '30.5 quadrillion'], [2.5e20, '250 quintillion'], [1e21, '1 × 10^21'],
    ];
    assert.deepEqual(cases.map(([n]) => [n, formatNumber(n)]), cases);
  });

  it('formatUsd and formatListedUsd (prices as listed)', () => {
    const usd: [number, string][] = [[0, '$0'], [1e-7, '<$0.000001'], [0.004, '$0.004'], [7.5, '$7.50'], [21_600, '$21,600'], [3.05e16, '$30.5 quadrillion'], [8.5e28, '$8.5 × 10^28']];
    assert.deepEqual(usd.map(([n]) => [n, formatUsd(n)]), usd);
    const listed: [number, string][] = [[0, '$0'], [4.941e-312, '<$0.000001'], [1e-7, '<$0.000001'], [0.000001234, '$0.000001234'], [0.075, '$0.075'], [1.375, '$1.375'], [2.5, '$2.5'], [1e16, '$10 quadrillion']];
    assert.deepEqual(listed.map(([n]) => [n, formatListedUsd(n, 4)]), listed);
  });

  it('formatTokensM and formatGB', () => {
    const tokens: [number, string][] = [[0, '0'], [1e-12, '<0.1'], [1e-6, '1'], [2.5e-4, '250'], [0.0025, '2.5K'], [240, '240M'], [2642.544, '2.6B'], [2_642_544, '2,643B'], [1e10, '10 quadrillion tokens'], [1e16, '1 × 10^22 tokens']];
    assert.deepEqual(tokens.map(([m]) => [m, formatTokensM(m)]), tokens);
    assert.deepEqual([formatGB(0.02), formatGB(151.2), formatGB(2e15)], ['0 GB', '151.2 GB', '2 quadrillion GB']);
  });

  it('plainNumber: digits for the panel fields and CSV, never an exponent', () => {
    const cases: [number, string][] = [[1e-7, '0.0000001'], [1.23e-7, '0.000000123'], [-1.5e-9, '-0.0000000015'], [0.25, '0.25'], [1e21, '1000000000000000000000'], [1.2345678901234569e23, '123456789012000000000000']];
    assert.deepEqual(cases.map(([n]) => [n, plainNumber(n)]), cases);
    assert.equal(plainNumber(4.941e-318), `0.${'0'.repeat(317)}4941`);
    assert.doesNotMatch(plainNumber(4.941e-318), EXPONENT);
    assert.deepEqual([csvField(1e-7), csvField(2e21)], ['0.0000001', '2000000000000000000000']);
  });

  it("the chart's axis ticks and the price refresh's held moves", () => {
    assert.deepEqual([1e-7, 0.5, 1, 1500, 2e6, 3e15].map(usdTick), ['$0.0000001', '$0.5', '$1', '$1.5K', '$2M', '$3000T']);
    assert.equal(
      moveText({ key: 'gpt-4o', part: 'input', before: 2.5, after: 1e-7, reference: 'bundled' } as Parameters<typeof moveText>[0]),
      'gpt-4o input: $2.5/M → <$0.000001/M (×<0.000001), kept at the bundled price',
    );
  });
});

describe('formatting: the CLI models command over tiny prices', function () {
  this.timeout(30_000);
  it('prints "<$0.000001" and listed digits, never an exponent', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-formatting-'));
    const prices = path.join(dir, 'prices.json');
    const source = litellmSource();
    // Per token, as LiteLLM lists them: $4.941e-312 and $1e-7 a million tokens, $0.000001234, $25 and $150.
    source['tiny-price-a'] = { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 4.941e-318, output_cost_per_token: 1e-13, max_input_tokens: 8192 };
    source['tiny-price-b'] = { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 1.234e-12, output_cost_per_token: 2.5e-5, cache_read_input_token_cost: 1e-15 };
    source['tiny-price-c'] = { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 1.5e-4, output_cost_per_token: 1.5e-4 };
    writeFileSync(prices, JSON.stringify(source));
    const cli = path.resolve(__dirname, '../../../dist/cli.js');
    const r = spawnSync(process.execPath, [cli, 'models', 'tiny-price', '--prices', prices], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'key           host    mode  $/M in        $/M out     cached in   batch in/out  context',
        'tiny-price-a  openai  chat  <$0.000001    <$0.000001  —           —             8,192',
        'tiny-price-b  openai  chat  $0.000001234  $25         <$0.000001  —             —',
        'tiny-price-c  openai  chat  $150          $150        —           —             —',
        'prices: pricing file prices.json, 2026-11-20',
        '',
      ].join('\n'),
    );
    const json = spawnSync(process.execPath, [cli, 'models', 'tiny-price', '--json', '--prices', prices], { encoding: 'utf8' });
    assert.ok(JSON.parse(json.stdout).models[0].inputPerMillionUsd > 0, 'the JSON keeps the number itself');
  });
});
