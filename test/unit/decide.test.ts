import * as assert from 'node:assert/strict';
import { catalog, type Catalog } from '../../src/engine/catalog';
import { seedNotes } from '../../src/engine/catalog/decisions';
import type { RequirementId } from '../../src/engine/catalog/types';
import { impliedInputShare } from '../../src/engine/pricing/cost';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { apiBlendedPrice, gapByDomain, recommend, selfHostedMonthlyCost as pricedOrNot, type DomainGap, type RecommendResult } from '../../src/engine/decide/decide';
import { recommendationGroups } from '../../src/engine/present/recommendGroups';

/** A setup's cost where its GPU is priced (every GPU of the curated catalog has a quote). */
function selfHostedMonthlyCost(...args: Parameters<typeof pricedOrNot>) {
  const cost = pricedOrNot(...args);
  assert.ok(!('unpriced' in cost), 'priced');
  return cost;
}

function model(id: string) {
  const m = catalog.models.find((x) => x.id === id);
  assert.ok(m, id);
  return m;
}

function setup(modelId: string) {
  const s = catalog.setups.find((x) => x.model === modelId);
  assert.ok(s, modelId);
  return s;
}

function domain(gaps: DomainGap[], id: DomainGap['domain']): DomainGap {
  const g = gaps.find((x) => x.domain === id);
  assert.ok(g, id);
  return g;
}

function reasonsFor(result: RecommendResult, modelId: string): string[] {
  return result.excluded.filter((e) => e.model === modelId).map((e) => e.reason);
}

describe('gapByDomain', () => {
  const gaps = gapByDomain();

  it('covers the eight domains of the article\'s gap summary', () => {
    assert.deepEqual(gaps.map((g) => g.domain), [
      'general_knowledge', 'coding', 'math', 'safety', 'instruction_following', 'multilingual_chinese', 'long_context', 'agentic_tool_use',
    ]);
  });

  it('reproduces the article\'s gap table from the scores', () => {
    const rows = gaps
      .filter((g) => g.domain !== 'long_context')
      .map((g) => [g.domain, g.bestOpen.model, g.bestOpen.value, g.bestClosed.model, g.bestClosed.value, g.gap, g.leader]);
    assert.deepEqual(rows, [
      ['general_knowledge', 'llama-3.1-405b', 88.6, 'gpt-4o', 88.7, 0.1, 'tie'],
      ['coding', 'deepseek-v3', 92.7, 'claude-3.5-sonnet', 92.0, -0.7, 'open'],
      ['math', 'deepseek-v3', 90.2, 'claude-3.5-sonnet', 78.3, -11.9, 'open'],
      ['safety', 'llama-3.1-405b', 80, 'claude-3.5-sonnet', 95, 15, 'closed'],
      ['instruction_following', 'deepseek-v3', 85, 'claude-3.5-sonnet', 92, 7, 'closed'],
      ['multilingual_chinese', 'qwen-2.5-72b', 86.1, 'gpt-4o', 78.5, -7.6, 'open'],
      ['agentic_tool_use', 'deepseek-v3', 78, 'claude-3.5-sonnet', 88, 10, 'closed'],
    ]);
  });

  it('carries the article\'s summary row for each domain', () => {
    assert.deepEqual(
      gaps.map((g) => [g.seedSummary.leader, g.seedSummary.gapSize, g.seedSummary.trend]),
      [
        ['Tie', '0.2 points', 'Closed'],
        ['Open (DeepSeek V3)', 'Open leads by 0.7', 'Narrowed, now reversed'],
        ['Open (DeepSeek V3)', 'Open leads by 12', 'Open pulled ahead'],
        ['Closed (Claude)', 'Closed leads by 15%', 'Persistent gap'],
        ['Closed (Claude)', 'Closed leads by 7%', 'Narrowing slowly'],
        ['Open (Qwen)', 'Open leads by 7.6', 'Open dominates'],
        ['Closed (Gemini)', '8x context advantage', 'Narrowing (128K vs 1M)'],
        ['Closed (Claude)', 'Closed leads by ~10%', 'Narrowing'],
      ],
    );
    assert.deepEqual(gaps.map((g) => g.seedSummary.status), [
      'closed', 'open leads', 'open leads significantly', 'closed leads significantly', 'closed leads', 'open leads', 'closed leads on length', undefined,
    ]);
  });

  it('matches the article\'s printed gap wherever the article is right', () => {
    for (const g of gaps.filter((x) => typeof x.seedGap === 'number' && x.domain !== 'general_knowledge')) {
      assert.equal(g.gap, g.seedGap, g.domain);
    }
    assert.equal(domain(gaps, 'safety').bestClosed.display, '95%+');
    assert.equal(domain(gaps, 'safety').bestOpen.display, '80%');
  });

  it('computes the MMLU gap right (0.1, Llama 3.1 405B) and exposes the article\'s 0.2 as a documented note', () => {
    const mmlu = domain(gaps, 'general_knowledge');
    assert.equal(mmlu.gap, 0.1);
    assert.equal(mmlu.seedGap, 0.2);
    assert.equal(mmlu.bestOpen.name, 'Llama 3.1 405B');
    const note = seedNotes.find((n) => n.id === mmlu.seedNote);
    assert.ok(note);
    assert.match(note.seedSays, /DeepSeek V3 88\.5/);
    assert.match(note.correction, /0\.1/);
  });

  it('gives long context as a ratio, 1M / 128K = 7.8125, which the article rounds to 8x', () => {
    const long = domain(gaps, 'long_context');
    assert.equal(long.unit, 'ratio');
    assert.equal(long.gap, 1_000_000 / 128_000);
    assert.equal(long.gap, 7.8125);
    assert.equal(long.seedGap, '8x context length advantage for closed');
    assert.equal(long.seedSummary.gapSize, `${Math.round(long.gap)}x context advantage`);
    assert.deepEqual([long.bestOpen.model, long.bestOpen.display, long.bestClosed.model, long.bestClosed.display], ['deepseek-v3', '128K', 'gemini-1.5-pro', '1M']);
    assert.equal(long.leader, 'closed');
  });

  it('uses only the article\'s models, so newer 1M-context models do not change the article\'s table', () => {
    assert.ok(model('gemini-2.5-pro').contextTokens > 1_000_000);
    assert.equal(domain(gaps, 'long_context').bestClosed.value, 1_000_000);
  });

  it('is computed, not copied: without Llama 3.1 405B\'s MMLU the article\'s DeepSeek V3 row returns', () => {
    const scores = { ...catalog.scores, 'llama-3.1-405b': { ...catalog.scores['llama-3.1-405b'], mmlu: undefined } };
    const altered: Catalog = { ...catalog, scores };
    const mmlu = domain(gapByDomain(altered), 'general_knowledge');
    assert.deepEqual([mmlu.bestOpen.model, mmlu.bestOpen.value, mmlu.gap], ['deepseek-v3', 88.5, 0.2]);
  });
});

describe('recommend: monthly costs', () => {
  it('reproduces the article\'s API costs at 100M tokens: $750, $900, $55', () => {
    const result = recommend([], 100, { seedModelsOnly: true });
    const cost = (id: string) => result.recommendations.find((r) => r.model === id && r.deployment === 'api')?.monthlyCostUsd;
    assert.equal(cost('gpt-4o'), 750);
    assert.equal(cost('claude-3.5-sonnet'), 900);
    assert.equal(cost('deepseek-v3'), 55);
  });

  it('blends explicitly when an input share is given', () => {
    assert.equal(apiBlendedPrice(model('gpt-4o'), 0.5)?.perMillionUsd, 6.25);
    assert.ok(Math.abs(apiBlendedPrice(model('gpt-4o'), 1 / 3)!.perMillionUsd - 7.5) < 1e-9);
    assert.equal(apiBlendedPrice(model('gpt-4o'))?.perMillionUsd, 7.5);
    assert.equal(apiBlendedPrice(model('gpt-5'))?.perMillionUsd, 5.625);
    const result = recommend([], 100, { seedModelsOnly: true, inputShare: 0.5 });
    assert.equal(result.recommendations.find((r) => r.model === 'gpt-4o')?.monthlyCostUsd, 625);
    assert.equal(result.recommendations.find((r) => r.model === 'deepseek-v3' && r.deployment === 'api')?.monthlyCostUsd, 68.5);
  });

  it('reads the article\'s blends as three different input:output mixes', () => {
    assert.equal(impliedInputShare(2.5, 10, 7.5), 1 / 3);
    assert.equal(impliedInputShare(3, 15, 9), 0.5);
    assert.equal(Math.round(impliedInputShare(0.27, 1.1, 0.55) * 100) / 100, 0.66);
  });

  it('prices self-hosting as whole replicas of the article\'s setups', () => {
    const llama70 = setup('llama-3.1-70b');
    assert.equal(selfHostedMonthlyCost(catalog, llama70, 50).monthlyCostUsd, 1800);
    assert.equal(selfHostedMonthlyCost(catalog, llama70, 64.8).replicas, 1);
    assert.equal(selfHostedMonthlyCost(catalog, llama70, 100).monthlyCostUsd, 3600);
    assert.equal(selfHostedMonthlyCost(catalog, llama70, 0).monthlyCostUsd, 1800);
    assert.equal(selfHostedMonthlyCost(catalog, llama70, 50, { gpuHourlyUsd: 2 }).monthlyCostUsd, 1440);
    // Half the hours is half the fixed cost and half the capacity per replica.
    assert.equal(selfHostedMonthlyCost(catalog, llama70, 30, { hoursPerMonth: 360 }).monthlyCostUsd, 900);
    assert.equal(selfHostedMonthlyCost(catalog, llama70, 50, { hoursPerMonth: 360 }).monthlyCostUsd, 1800);
    assert.equal(selfHostedMonthlyCost(catalog, setup('llama-3.1-405b'), 77.76).monthlyCostUsd, 21600);
    assert.equal(selfHostedMonthlyCost(catalog, setup('qwen-2.5-72b'), 57).monthlyCostUsd, 1800);
  });

  it('backs the high-volume seed note: 1B tokens a month on the article\'s setups', () => {
    assert.deepEqual(
      [selfHostedMonthlyCost(catalog, setup('deepseek-v3'), 1000).replicas, selfHostedMonthlyCost(catalog, setup('deepseek-v3'), 1000).monthlyCostUsd],
      [26, 187200],
    );
    assert.deepEqual(
      [selfHostedMonthlyCost(catalog, setup('llama-3.1-405b'), 1000).replicas, selfHostedMonthlyCost(catalog, setup('llama-3.1-405b'), 1000).monthlyCostUsd],
      [13, 280800],
    );
    const note = seedNotes.find((n) => n.id === 'high-volume-savings')!;
    assert.match(note.correction, /\$187,200/);
    assert.match(note.correction, /\$280,800/);
  });

  it('backs the crossover notes with the article\'s own formula', () => {
    assert.equal(1800 / 7.5, 240);
    assert.equal(1800 / 9, 200);
    const breakEvenTps = (240 * 1e6) / (3600 * 720);
    assert.equal(breakEvenTps.toFixed(1), '92.6');
    assert.match(seedNotes.find((n) => n.id === 'crossover-four-gpus')!.correction, /92\.6 tok\/s/);
    assert.match(seedNotes.find((n) => n.id === 'self-hosting-threshold-50m')!.correction, /3,273M/);
  });
});

describe('recommend: the article\'s decision matrix', () => {
  const expected: Record<RequirementId, [string, 'api' | 'self-hosted']> = {
    data_privacy: ['llama-3.1-405b', 'self-hosted'],
    maximum_safety: ['claude-3.5-sonnet', 'api'],
    best_math_code: ['deepseek-v3', 'api'],
    chinese_language: ['qwen-2.5-72b', 'api'],
    budget_under_100: ['deepseek-v3', 'api'],
    context_1m: ['gemini-2.0', 'api'],
    fine_tuning: ['llama-3.1-405b', 'self-hosted'],
    quick_prototype: ['gpt-4o', 'api'],
    production_at_scale: ['llama-3.1-405b', 'self-hosted'],
    agentic_tool_use: ['claude-3.5-sonnet', 'api'],
  };

  for (const [requirement, [modelId, deployment]] of Object.entries(expected) as [RequirementId, [string, 'api' | 'self-hosted']][]) {
    it(`${requirement}: the top seed model is the article’s choice (${modelId}, ${deployment})`, () => {
      const top = recommend([requirement], 100, { seedModelsOnly: true }).recommendations[0];
      assert.ok(top, requirement);
      assert.deepEqual([top.model, top.deployment], [modelId, deployment]);
      const def = catalog.requirements.find((r) => r.id === requirement)!;
      assert.ok(def.seedModels.includes(top.model), `${top.model} is among ${def.seedModels.join(', ')}`);
    });
  }

  it('quick_prototype puts a closed API first, as the framework says', () => {
    const top = recommend(['quick_prototype'], 100, { seedModelsOnly: true }).recommendations[0];
    assert.equal(model(top.model).access, 'api-only');
    assert.equal(top.deployment, 'api');
  });

  it('orders the rated before the unrated, then by score, then by cost', () => {
    const list = recommend(['maximum_safety'], 100, { seedModelsOnly: true }).recommendations;
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1], list[i]];
      const [ua, ub] = [a.unrated?.length ?? 0, b.unrated?.length ?? 0];
      assert.ok(ua < ub || (ua === ub && (a.score > b.score || (a.score === b.score && a.monthlyCostUsd <= b.monthlyCostUsd))), `${a.model} before ${b.model}`);
    }
    assert.deepEqual(list.slice(0, 2).map((r) => [r.model, r.score]), [['claude-3.5-sonnet', 88.5], ['gpt-4o', 82.9]]);
  });
});

describe('recommend: reasons', () => {
  it('cites the benchmark figures and the monthly cost', () => {
    const result = recommend(['best_math_code'], 100, { seedModelsOnly: true });
    const top = result.recommendations[0];
    assert.ok(top.reasons.includes('MATH-500 90.2 (best of candidates)'), top.reasons.join(' | '));
    assert.ok(top.reasons.includes('HumanEval 92.7 (best of candidates)'));
    assert.ok(top.reasons.some((r) => r.startsWith('$55/mo at 100M tok')), top.reasons[0]);
    const gpt4o = result.recommendations.find((r) => r.model === 'gpt-4o')!;
    assert.ok(gpt4o.reasons.includes('MATH-500 76.6 (best 90.2, DeepSeek V3)'), gpt4o.reasons.join(' | '));
    assert.ok(gpt4o.reasons[0].startsWith('$750/mo at 100M tok'), gpt4o.reasons[0]);
  });

  it('explains a self-hosted cost with replicas, GPUs, hours and throughput', () => {
    const top = recommend(['data_privacy'], 100, { seedModelsOnly: true }).recommendations.find((r) => r.model === 'llama-3.1-70b')!;
    assert.equal(top.monthlyCostUsd, 3600);
    assert.equal(top.reasons[0], '$3,600/mo at 100M tok: 2 × Llama 3.1 70B (INT4, 1x A100) at $2.50/GPU-h × 720 h (64.8M tok/mo per replica at 25 tok/s, batch 1)');
  });

  it('says when no candidate has a figure for a preference', () => {
    const top = recommend(['context_1m', 'maximum_safety'], 100, { seedModelsOnly: true }).recommendations[0];
    assert.equal(top.model, 'gemini-2.0');
    assert.ok(top.reasons.some((r) => r.startsWith('maximum_safety: no candidate has a figure')), top.reasons.join(' | '));
  });

  it('a model without a figure for a requested benchmark is not ranked on it, and comes after every rated one', () => {
    const result = recommend(['chinese_language'], 100, { seedModelsOnly: true });
    const claude = result.recommendations.find((r) => r.model === 'claude-3.5-sonnet')!;
    assert.deepEqual(claude.unrated, ['chinese_language']);
    assert.ok(claude.reasons.includes('chinese_language: not ranked on it, no figure in the catalog (Multilingual (Chinese))'), claude.reasons.join(' | '));
    assert.ok(!claude.reasons.some((r) => r.startsWith('Multilingual (Chinese)')), 'one line says it, not one per benchmark');
    const firstUnrated = result.recommendations.findIndex((r) => r.unrated);
    assert.ok(firstUnrated > 0 && result.recommendations.slice(firstUnrated).every((r) => r.unrated), 'the rated come first, in one block');
  });

  it('a model with some of a requirement\'s figures is ranked on them, a missing one counting 0 and said', () => {
    const qwen = recommend(['best_math_code'], 100, { seedModelsOnly: true }).recommendations.find((r) => r.model === 'qwen-2.5-72b' && r.deployment === 'api')!;
    assert.equal(qwen.unrated, undefined);
    assert.ok(qwen.reasons.includes('MATH-500: no figure in the catalog'), qwen.reasons.join(' | '));
    assert.ok(qwen.reasons.includes('HumanEval 86.6 (best 92.7, DeepSeek V3)'), qwen.reasons.join(' | '));
  });

  it('over the whole catalog, the models rated on best_math_code lead and the rest are grouped as not rated', () => {
    // The shipped catalog: the bundled cards with the whole price table, as the CLI and the extension load it.
    const result = recommend(['best_math_code'], 100, {}, cliCatalog().catalog);
    const groups = recommendationGroups(result.recommendations);
    assert.deepEqual(groups.map((g) => g.unrated), [[], ['best_math_code']]);
    assert.deepEqual(groups[0]!.rows.map((r) => `${r.model} ${r.deployment}`), [
      'deepseek-v3 api', 'deepseek-v3 self-hosted', 'gpt-4o api', 'llama-3.1-405b api', 'claude-3.5-sonnet api', 'llama-3.1-405b self-hosted', 'qwen-2.5-72b api', 'qwen-2.5-72b self-hosted',
    ]);
    assert.equal(groups[1]!.heading, `Not rated for best_math_code (${groups[1]!.rows.length}): no figure in the catalog, ranked by quality tier and cost`);
    assert.ok(groups[1]!.rows.length > 300, `${groups[1]!.rows.length} unrated`);
    // Among the unrated, a frontier model ranks above an unrated small one at a similar price.
    const unrated = groups[1]!.rows.map((r) => r.model);
    assert.ok(unrated.indexOf('gpt-5') < unrated.indexOf('llama-3.2-1b'), 'tier counts among the unrated');
  });
});

describe('recommend: the quality of a self-hosted row', () => {
  it('says what its weights keep of the published ones, and a cheaper setup in a format not shown near-lossless apart', () => {
    const rows = recommend(['data_privacy'], 2000, {}, cliCatalog().catalog).recommendations;
    const deepseek = rows.find((r) => r.model === 'deepseek-v3')!;
    assert.equal(deepseek.quality?.kind, 'reference');
    assert.ok(deepseek.reasons.includes('weights: fp8 · the weights as published'), deepseek.reasons.join(' | '));
    const qwen = rows.find((r) => r.model === 'qwen3-235b-a22b')!;
    assert.equal(qwen.setup?.quantization, 'bf16');
    assert.equal(qwen.cheaperOption?.label, '1× b200 · nvfp4 · 1 replica · $3,600/mo');
    assert.equal(qwen.cheaperOption?.quality.kind, 'unmeasured');
    assert.ok(qwen.reasons.includes('cheaper in a format not shown near-lossless: 1× b200 · nvfp4 · 1 replica · $3,600/mo (nvfp4 · quality unmeasured for qwen3-235b-a22b)'), qwen.reasons.join(' | '));
    // The pick itself is never the lossy one, and its cost is the pick's.
    assert.equal(qwen.monthlyCostUsd, 8640);
  });
});

describe('recommend: hard constraints and exclusions', () => {
  it('data_privacy keeps only self-hosted open weights, and says why each API is out', () => {
    const result = recommend(['data_privacy'], 100, { seedModelsOnly: true });
    assert.ok(result.recommendations.length > 0);
    for (const r of result.recommendations) {
      assert.equal(r.deployment, 'self-hosted');
      assert.equal(model(r.model).access, 'open-weight');
    }
    assert.deepEqual(reasonsFor(result, 'gpt-4o'), ['api: data_privacy needs open weights (no data may leave your infrastructure); GPT-4o is API-only']);
    assert.ok(reasonsFor(result, 'llama-3.1-70b').includes('api: data_privacy needs a self-hosted deployment (no data may leave your infrastructure)'));
    assert.deepEqual(
      result.excluded.filter((e) => e.model === 'gpt-4o').map((e) => e.deployment),
      ['api'],
    );
  });

  it('excludes the article\'s DeepSeek V3 setup because it does not fit in 4× A100', () => {
    const result = recommend(['data_privacy'], 100, { seedModelsOnly: true });
    const [reason] = reasonsFor(result, 'deepseek-v3').filter((r) => r.startsWith('self-hosted'));
    assert.ok(reason, 'deepseek-v3 self-hosted is excluded');
    assert.match(reason, /does not fit: weights 335\.5 GB/);
    assert.match(reason, /> 343\.6 GB$/);
    assert.ok(!result.recommendations.some((r) => r.model === 'deepseek-v3'));
  });

  it('context_1m keeps only models with a 1,000,000-token context', () => {
    const result = recommend(['context_1m'], 100);
    for (const r of result.recommendations) assert.ok(model(r.model).contextTokens >= 1_000_000, r.model);
    assert.deepEqual(reasonsFor(result, 'gpt-4o'), ['api: context_1m: 128K context; needs a 1,000,000-token context']);
    assert.ok(result.recommendations.some((r) => r.model === 'gpt-4.1'));
  });

  it('fine_tuning needs open weights on your own GPUs', () => {
    const result = recommend(['fine_tuning'], 100, { seedModelsOnly: true });
    for (const r of result.recommendations) assert.equal(r.deployment, 'self-hosted');
    assert.ok(reasonsFor(result, 'claude-3.5-sonnet')[0].includes('fine_tuning needs open weights'));
  });

  it('budget_under_100 means at most $100 a month at the volume', () => {
    const result = recommend(['budget_under_100'], 100, { seedModelsOnly: true });
    for (const r of result.recommendations) assert.ok(r.monthlyCostUsd <= 100, r.model);
    assert.deepEqual(reasonsFor(result, 'claude-3.5-sonnet'), ['api: budget: $900/mo at 100M tok is over the $100/mo budget']);
    assert.ok(reasonsFor(result, 'llama-3.1-70b').includes('self-hosted: budget: $3,600/mo at 100M tok is over the $100/mo budget'));
    assert.ok(result.recommendations[0].reasons.includes('budget: $55/mo at 100M tok, within $100/mo'));
  });

  it('budgetUsd overrides the $100 and applies on its own', () => {
    const widened = recommend(['budget_under_100'], 100, { seedModelsOnly: true, budgetUsd: 800 });
    assert.ok(widened.recommendations.some((r) => r.model === 'gpt-4o'));
    assert.ok(!widened.recommendations.some((r) => r.model === 'claude-3.5-sonnet'));
    const alone = recommend([], 100, { seedModelsOnly: true, budgetUsd: 50 });
    assert.ok(alone.recommendations.every((r) => r.monthlyCostUsd <= 50));
    assert.ok(!alone.recommendations.some((r) => r.model === 'deepseek-v3'));
  });

  it('an impossible combination recommends nothing and explains every exclusion', () => {
    const result = recommend(['data_privacy', 'budget_under_100'], 100, { seedModelsOnly: true });
    assert.deepEqual(result.recommendations, []);
    assert.ok(reasonsFor(result, 'llama-3.1-405b').includes('self-hosted: budget: $43,200/mo at 100M tok is over the $100/mo budget'));
  });

  it('combines a constraint with a preference', () => {
    const top = recommend(['data_privacy', 'chinese_language'], 100, { seedModelsOnly: true }).recommendations[0];
    assert.deepEqual([top.model, top.deployment, top.monthlyCostUsd], ['qwen-2.5-72b', 'self-hosted', 3600]);
  });

  it('restricts to allowedModels and only, resolving aliases and suggesting fixes for typos', () => {
    const result = recommend(['maximum_safety'], 100, { allowedModels: ['GPT-4o', 'deepseek/deepseek-v3', 'gtp-4o'] });
    assert.deepEqual([...new Set(result.recommendations.map((r) => r.model))], ['gpt-4o', 'deepseek-v3']);
    assert.deepEqual(reasonsFor(result, 'claude-3.5-sonnet'), ['not in allowedModels']);
    assert.deepEqual(reasonsFor(result, 'gtp-4o'), ['unknown model in allowedModels; did you mean "gpt-4o"?']);
    const only = recommend([], 100, { allowedModels: ['gpt-4o', 'claude-3.5-sonnet'], only: ['claude-3.5-sonnet'] });
    assert.deepEqual(only.recommendations.map((r) => r.model), ['claude-3.5-sonnet']);
    assert.deepEqual(reasonsFor(only, 'gpt-4o'), ['not in only']);
  });

  it('seedModelsOnly and projected models are excluded with their reason', () => {
    const result = recommend([], 100, { seedModelsOnly: true });
    assert.deepEqual(reasonsFor(result, 'gpt-5'), ['not a model the article discusses (seedModelsOnly)']);
    assert.deepEqual(reasonsFor(result, 'llama-4'), ['projected in the article: no released weights or prices to compare']);
  });

  it('accounts for every model: each is recommended or excluded', () => {
    const result = recommend(['data_privacy'], 100);
    for (const m of catalog.models) {
      const seen = result.recommendations.some((r) => r.model === m.id) || result.excluded.some((e) => e.model === m.id);
      assert.ok(seen, m.id);
    }
  });

  it('without seedModelsOnly, current models compete on the same terms', () => {
    const top = recommend(['budget_under_100'], 100).recommendations[0];
    assert.deepEqual([top.model, top.monthlyCostUsd], ['deepseek-v3.2', 35]);
  });
});

describe('recommend: exclusions as data', () => {
  const codeOf = (result: RecommendResult, model: string, deployment?: string) =>
    result.excluded.find((e) => e.model === model && (deployment === undefined || e.deployment === deployment))?.exclusion;

  it('says which rule left each candidate out, with the requirement behind it', () => {
    const privacy = recommend(['data_privacy'], 100);
    assert.equal(codeOf(privacy, 'gpt-4o'), 'needs-open-weights');
    assert.equal(privacy.excluded.find((e) => e.model === 'gpt-4o')?.requirement, 'data_privacy');
    assert.equal(codeOf(privacy, 'deepseek-v3', 'api'), 'needs-deployment');
    assert.equal(codeOf(recommend(['context_1m'], 100), 'gpt-4o'), 'context-too-short');
    assert.equal(codeOf(recommend([], 1000, { budgetUsd: 10 }), 'gpt-4o', 'api'), 'over-budget');
    const allowed = recommend([], 100, { allowedModels: ['gpt-4o', 'gpt-4o-minii'] });
    assert.equal(codeOf(allowed, 'claude-3.5-sonnet'), 'not-allowed');
    assert.equal(codeOf(allowed, 'gpt-4o-minii'), 'unknown-model');
    assert.equal(codeOf(recommend([], 100, { seedModelsOnly: true }), 'gpt-4.1'), 'seed-models-only');
  });

  it('is plain data: a result survives JSON unchanged', () => {
    const result = recommend(['best_math_code', 'budget_under_100'], 240);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  });
});

describe('recommend: every open model with an architecture on record, at its cheapest setup', function () {
  // 63 models, each searched over every GPU, count and format: seconds on a busy machine.
  this.timeout(20_000);
  const shipped = cliCatalog().catalog;

  it('data_privacy finds self-hosted open models within a budget, each at the cheapest setup for the volume', () => {
    const r = recommend(['data_privacy'], 100, { budgetUsd: 1000 }, shipped);
    assert.ok(r.recommendations.length > 10, `${r.recommendations.length} candidates`);
    for (const x of r.recommendations) {
      assert.equal(x.deployment, 'self-hosted');
      assert.ok(x.monthlyCostUsd <= 1000);
      assert.match(x.reasons[0]!, /cheapest self-hosted setup \d+× [a-z0-9-]+ · /);
    }
    assert.ok(r.recommendations.some((x) => !catalog.models.some((m) => m.id === x.model)), 'open models beyond the curated cards');
  });

  it('production_at_scale at 1B tokens a month ranks affordable setups, not the article’s batch-1 replicas', () => {
    const [top] = recommend(['production_at_scale'], 1000, {}, shipped).recommendations;
    assert.equal(top!.deployment, 'self-hosted');
    assert.ok(top!.monthlyCostUsd < 10_000, `${top!.model} at $${top!.monthlyCostUsd}/mo`);
  });

  it('seed mode keeps the article’s own setups', () => {
    const r = recommend(['data_privacy'], 100, { seedModelsOnly: true }, shipped);
    assert.ok(r.recommendations.every((x) => !/cheapest self-hosted setup/.test(x.reasons[0]!)));
  });
});
