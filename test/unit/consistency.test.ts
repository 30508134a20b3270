/**
 * One story on every surface: for a config and one of a workload's options, the lens titles,
 * the findings, the panel's rows, Recommend's row and the CLI give the same dollars and the
 * same verdict. Each case names the config and the option and pins the figure; every surface
 * that shows the option is read for it, with the inputs that surface really has (the
 * extension's catalog files for the panel, the extension's recommend options, the built CLI).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze, catalog, findModel, formatUsd, recommend, recommendForAnalysis, type Analysis, type RequirementId, type WorkloadResult } from '../../src/engine';
import { cliCatalog, cliCatalogFiles } from '../../src/cli/catalogFiles';
import { CASES, CONFIGS, optionText, type Case, type Verdict } from './consistencyCases';
import { EMPTY_INPUTS, type PanelInputs } from '../../src/protocol';
import { panelAnalysis, usePanelCatalog } from '../../webview/viewModel';
import { costView, type CostRow } from '../../webview/tabs/cost/viewModel';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const cat = cliCatalog().catalog;

// ---------------------------------------------------------------------------------------
// The surfaces (the configs and the cases are in consistencyCases.ts)

interface Reading {
  surface: string;
  usd: number | null;
  verdict?: Verdict;
  setup?: string;
}

const analyses = new Map<string, Analysis>();
function analysisOf(config: string): Analysis {
  let a = analyses.get(config);
  if (!a) analyses.set(config, (a = analyze(CONFIGS[config]!, { catalog: cat })));
  return a;
}

function workloadOf(c: Case): WorkloadResult {
  const w = analysisOf(c.config).workloads.find((x) => x.name === c.workload);
  assert.ok(w, `${c.config}: no workload ${c.workload}`);
  return w;
}

const dollars = (usd: number) => formatUsd(usd);

/**
 * A cheapest-setup lens: "1× t4 · int4-awq saves $151/mo" (its cost is what the workload pays
 * less the saving) or "cheapest: 1× mi325x · fp8 · $1,800/mo, $1,050 more".
 */
function setupLens(title: string, w: WorkloadResult): { usd: number; setup: string; verdict: Verdict } {
  const money = (s: string) => Number(s.replace(/,/g, ''));
  const saves = /^(\d+× .+) saves \$([\d,.]+)\/mo$/.exec(title);
  if (saves) return { usd: w.monthlyCostUsd! - money(saves[2]!), setup: saves[1]!, verdict: 'cheaper' };
  const costs = /^cheapest: (\d+× .+) · \$([\d,.]+)\/mo(, .*)?$/.exec(title);
  assert.ok(costs, title);
  return { usd: money(costs[2]!), setup: costs[1]!, verdict: 'not cheaper' };
}
const verdictOf = (usd: number, configured: number | null): Verdict => (configured !== null && usd < configured - 0.005 ? 'cheaper' : 'not cheaper');

/** Lens titles and findings: the words the editor shows. */
function editorReadings(c: Case): Reading[] {
  const a = analysisOf(c.config);
  const w = workloadOf(c);
  const lenses = a.lenses.filter((l) => l.workload === w.index);
  const findings = a.findings.filter((f) => f.workload === w.index);
  const out: Reading[] = [];
  const figure = (text: string) => {
    const m = /\$([\d,]+(?:\.\d+)?)\/mo/.exec(text);
    return m ? Number(m[1]!.replace(/,/g, '')) : null;
  };
  switch (c.option.kind) {
    case 'own': {
      const cost = lenses.find((l) => l.kind === 'cost')!;
      out.push({ surface: 'lens', usd: figure(cost.title), verdict: 'configured' });
      const conflict = findings.find((f) => f.severity === 'error' && f.code.startsWith('conflict-'));
      if (conflict) out.push({ surface: `finding ${conflict.code}`, usd: null, verdict: 'ruled out' });
      break;
    }
    case 'cheapest': {
      const lens = lenses.find((l) => l.kind === 'cheapest' && l.alternative === undefined);
      // On an API workload the verdict lens weighs self-hosting its own model.
      const verdict = lenses.find((l) => l.kind === 'crossover' && l.title.startsWith(`self-hosting ${w.model} would be `));
      if (verdict) out.push({ surface: 'lens (verdict)', usd: figure(verdict.title), verdict: 'cheaper' });
      if (lens) out.push({ surface: 'lens', ...setupLens(lens.title, w) });
      break;
    }
    case 'alternative': {
      const model = c.option.model;
      const alt = w.alternativeCheapest.find((a) => a.model === model);
      const lens = lenses.find((l) => l.kind === 'cheapest' && l.alternative !== undefined && l.alternative === alt?.alternative);
      assert.ok(lens, `a cheapest lens at the ${model} alternative`);
      const reading = setupLens(lens.title, w);
      out.push({ surface: 'lens', ...reading });
      const f = findings.find((x) => x.code === 'self-host-cheaper' && x.message.includes(`self-hosting ${model} (${reading.setup.split(' · ').slice(0, 2).join(' · ')}`));
      if (f) out.push({ surface: 'finding self-host-cheaper', usd: figure(f.message), verdict: 'cheaper' });
      break;
    }
    case 'api': {
      const apiModel = c.option.model;
      const name = findModel(apiModel, cat)!.name;
      const cheaper = findings.find((f) => f.code === 'api-cheaper' && f.message.includes(`the ${name} API costs`));
      if (cheaper) out.push({ surface: 'finding api-cheaper', usd: figure(cheaper.message), verdict: 'cheaper' });
      const cost = findings.find((f) => f.code === 'requirement-cost' && f.message.includes(`the ${name} API, which would cost`));
      if (cost) out.push({ surface: 'finding requirement-cost', usd: figure(cost.message), verdict: 'ruled out' });
      // The lens names the API's model unless it is the workload's own.
      const lens = lenses.find((l) => l.kind === 'crossover' && (l.title.includes(`${apiModel} API`) || (apiModel === w.model && l.title.startsWith('API '))));
      if (lens) {
        const ruled = / costs (\$[\d,.]+)\/mo over /.exec(lens.title);
        const would = /API would be (\$[\d,.]+)\/mo/.exec(lens.title);
        // The requirement's cost is the configured cost less the API's.
        // The requirement's cost is the configured cost less the API's: read as the API's figure when it is.
        if (ruled) out.push({ surface: 'lens', usd: ruled[1] === dollars(w.monthlyCostUsd! - c.usd) ? c.usd : NaN, verdict: 'ruled out' });
        else if (would) out.push({ surface: 'lens', usd: figure(lens.title), verdict: 'cheaper' });
      }
      break;
    }
  }
  return out;
}

/** The panel's Cost tab for the workload, with the catalog files the extension sends. */
function panelReadings(c: Case): Reading[] {
  const w = workloadOf(c);
  const inputs: PanelInputs = { ...EMPTY_INPUTS, workload: w.index };
  const view = costView(panelAnalysis(CONFIGS[c.config]!, {}, inputs), inputs)!;
  const current = view.rows[0]!;
  const cell = (row: CostRow | undefined): Reading[] =>
    row?.cheapestSetup ? [{ surface: 'panel', usd: row.cheapestSetup.monthlyUsd, setup: row.cheapestSetup.label.replace(/ · \$[\d,.]+\/mo$/, ''), verdict: verdictOf(row.cheapestSetup.monthlyUsd, w.monthlyCostUsd) }] : [];
  switch (c.option.kind) {
    case 'own':
      return [{ surface: 'panel', usd: current.monthlyCostUsd, verdict: 'configured' }];
    case 'cheapest':
      return cell(current);
    case 'alternative': {
      const model = c.option.model;
      return cell(view.rows.find((r) => r.model === model && r.cheapestSetup));
    }
    case 'api': {
      const key = `api:${c.option.model}`;
      const row = view.rows.find((r) => r.key === key);
      return [row ? { surface: 'panel', usd: row.monthlyCostUsd, verdict: verdictOf(row.monthlyCostUsd!, w.monthlyCostUsd) } : { surface: 'panel', usd: null, verdict: 'ruled out' }];
    }
  }
}

/** The options the extension's Recommend passes for a workload (recommendForAnalysis, from src/extension/recommend.ts). */
function recommendOptions(a: Analysis, w: WorkloadResult) {
  return {
    serving: w.serving,
    billing: w.billing,
    ...(a.allowedModels ? { allowedModels: a.allowedModels } : {}),
    inputShare: w.billing.inputShare,
    ...(a.gpuHourlyUsd !== undefined ? { gpuHourlyUsd: a.gpuHourlyUsd } : {}),
    gpuPrices: a.gpuPrices,
    hoursPerMonth: a.assumptions.hoursPerMonth,
  };
}

const recommended = new Map<string, ReturnType<typeof recommend>>();

/** Recommend's row for the option: the extension's, and the CLI's where its flags can say the same. */
function recommendReadings(c: Case): Reading[] {
  const a = analysisOf(c.config);
  const w = workloadOf(c);
  const o = c.option;
  const model = o.kind === 'api' || o.kind === 'alternative' ? o.model : w.model;
  const deployment = c.option.kind === 'api' ? 'api' : c.option.kind === 'own' ? w.deployment : 'self-hosted';
  const read = (surface: string, result: ReturnType<typeof recommend>): Reading[] => {
    const r = result.recommendations.find((x) => x.model === model && x.deployment === deployment);
    if (!r) {
      // Recommend ranks the curated and open models; a model only the price table knows is not listed.
      const ruled = result.excluded.some((e) => e.model === model && (e.deployment ?? deployment) === deployment && e.requirement);
      return ruled ? [{ surface, usd: null, verdict: 'ruled out' }] : [];
    }
    return [
      {
        surface,
      usd: r.monthlyCostUsd,
      verdict: c.option.kind === 'own' ? 'configured' : verdictOf(r.monthlyCostUsd, w.monthlyCostUsd),
        ...(r.setup ? { setup: `${r.setup.gpus}× ${r.setup.gpu} · ${r.setup.quantization}` } : {}),
      },
    ];
  };
  const requirements = w.requirements as RequirementId[];
  const out: Reading[] = [];
  // Recommend ranks ways to run a model at its catalog prices: a file's own blended price, or its own setup, is not one of them.
  const ownSetupOrPrice = c.option.kind === 'own' && (w.deployment === 'self-hosted' || /"blendedPricePerMillion"/.test(CONFIGS[c.config]!));
  if (ownSetupOrPrice) return out;
  // Only the option's model is ranked: a row's dollars and exclusions do not depend on the other
  // candidates, and ranking every open model at every volume would take most of a minute.
  const key = `${c.config}|${w.index}|${model}`;
  if (!recommended.has(key)) recommended.set(key, recommend(requirements, w.monthlyTokensM, { ...recommendOptions(a, w), only: [model] }, cat));
  out.push(...read('Recommend', recommended.get(key)!));
  if (cliRecommendApplies(c, a)) {
    const args = ['recommend', '--volume', `${w.monthlyTokensM}M`, '--json', '--input-share', String(w.billing.inputShare), '--only', model];
    if (requirements.length) args.push('--require', requirements.join(','));
    if (w.billing.batch) args.push('--batch');
    if (w.billing.cachedInputShare !== undefined) args.push('--cached-input-share', String(w.billing.cachedInputShare));
    out.push(...read('CLI recommend', runJson(...args)));
  }
  return out;
}

/** The CLI's recommend has no flags for GPU prices, a request shape or an allow-list: it sizes and prices at the defaults. */
function cliRecommendApplies(c: Case, a: Analysis): boolean {
  const defaults = a.gpuHourlyUsd === undefined && Object.keys(a.gpuPrices).length === 0 && a.assumptions.hoursPerMonth === 720 && !/"requestShape"|"peakToAverage"|"latency"/.test(CONFIGS[c.config]!);
  return !a.allowedModels && (defaults || c.option.kind === 'api' || (c.option.kind === 'own' && workloadOf(c).deployment === 'api'));
}

const cliRuns = new Map<string, unknown>();
function runJson(...args: string[]): any {
  const key = args.join('\u0000');
  if (!cliRuns.has(key)) cliRuns.set(key, runOnce(args));
  return cliRuns.get(key);
}

function runOnce(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const cliAnalyses = new Map<string, { workloads: { name: string; monthlyCostUsd: number | null }[] }>();
function cliAnalysis(config: string) {
  let a = cliAnalyses.get(config);
  if (!a) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-consistency-')), 'llm.config.json');
    writeFileSync(file, CONFIGS[config]!);
    cliAnalyses.set(config, (a = runJson('analyze', file, '--json')));
  }
  return a!;
}

/** The CLI: analyze for the configured cost, cheapest for a setup (at the workload's shape and GPU prices). */
function cliReadings(c: Case): Reading[] {
  const a = analysisOf(c.config);
  const w = workloadOf(c);
  if (c.option.kind === 'own') {
    const cw = cliAnalysis(c.config).workloads.find((x) => x.name === c.workload)!;
    return [{ surface: 'CLI analyze', usd: cw.monthlyCostUsd, verdict: 'configured' }];
  }
  if (c.option.kind === 'api') return [];
  // `cheapest` prices GPUs by name only: a file's one price for any GPU has no flag.
  if (a.gpuHourlyUsd !== undefined) return [];
  const model = c.option.kind === 'alternative' ? c.option.model : w.model;
  const args = ['cheapest', '--model', model, '--volume', `${w.monthlyTokensM}M`, '--json', '--peak-to-average', String(w.serving.peakToAverage), '--hours', String(a.assumptions.hoursPerMonth)];
  const given = /"requestShape"/.test(CONFIGS[c.config]!);
  if (given) args.push('--input-tokens', String(w.serving.shape.inputTokens), '--output-tokens', String(w.serving.shape.outputTokens));
  const prices = Object.entries(a.gpuPrices);
  if (prices.length) args.push('--gpu-price', prices.map(([id, usd]) => `${id}=${usd}`).join(','));
  const best = runJson(...args).best;
  return best ? [{ surface: 'CLI cheapest', usd: best.monthlyUsd, setup: `${best.gpus}× ${best.gpu} · ${best.weights} · ${best.replicas} replica${best.replicas === 1 ? '' : 's'}`, verdict: verdictOf(best.monthlyUsd, w.monthlyCostUsd) }] : [];
}

describe('consistency: one figure and one verdict per option on every surface', function () {
  this.timeout(60_000);
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
    usePanelCatalog(cliCatalogFiles());
  });
  after(() => usePanelCatalog({}));

  it(`has at least 30 cases over every surface`, () => {
    assert.ok(CASES.length >= 30, `${CASES.length} cases`);
  });

  // The panel's row for another API, billed as the workload's calls are (batch, cache reads): the
  // lens's dollars for the same workload on that model.
  for (const [config, model] of [['batch', 'gpt-4o'], ['cached', 'gpt-4o'], ['batch', 'gemini-2.0'], ['cached', 'llama-3.1-70b']] as const) {
    it(`${config} · the ${model} API row: the lens's figure for the workload on ${model}`, () => {
      const text = CONFIGS[config]!;
      const view = costView(panelAnalysis(text, {}, EMPTY_INPUTS), EMPTY_INPUTS)!;
      const id = findModel(model, cat)!.id;
      const row = view.rows.find((r) => r.key === `api:${id}`);
      const lens = analyze(text.replace('"gpt-4o-mini"', JSON.stringify(model)), { catalog: cat }).workloads[0]!;
      assert.ok(lens.monthlyCostUsd !== null);
      assert.ok(row && findModel(model, catalog)?.price, `${model}: a curated API the panel lists`);
      assert.equal(dollars(row.monthlyCostUsd!), dollars(lens.monthlyCostUsd), row.note);
    });
  }

  // The Recommend command and the Decision tab call recommendForAnalysis with the workload: its
  // API row is the lens's figure for a batch or cached workload (the table above ranks one model
  // with the same options, for speed).
  for (const config of ['batch4o', 'cached4o'] as const) {
    it(`${config} · recommendForAnalysis for the workload: the lens's figure`, () => {
      const a = analysisOf(config);
      const w = a.workloads[0]!;
      const row = recommendForAnalysis(a, [], w.monthlyTokensM, cat, undefined, w).recommendations.find((r) => r.model === 'gpt-4o' && r.deployment === 'api');
      assert.equal(row?.monthlyCostUsd, w.monthlyCostUsd);
    });
  }

  for (const c of CASES) {
    it(`${c.config} · ${c.workload} · ${optionText(c.option)}: ${Number.isNaN(c.usd) ? '?' : dollars(c.usd)}/mo, ${c.verdict}`, () => {
      const readings = [...editorReadings(c), ...panelReadings(c), ...recommendReadings(c), ...cliReadings(c)];
      const table = readings.map((r) => `${r.surface}: ${r.usd === null ? '—' : r.usd} ${r.verdict ?? ''} ${r.setup ?? ''}`).join('\n');
      assert.ok(readings.length >= 2, `at least two surfaces show it:\n${table}`);
      for (const surface of c.readBy ?? []) assert.ok(readings.some((r) => r.surface === surface), `${surface} shows it:\n${table}`);
      // The configured cost is shown as such even where a requirement rules the workload's own deployment out.
      const verdicts = c.option.kind === 'own' ? [c.verdict, 'configured'] : [c.verdict];
      for (const r of readings) {
        assert.ok(r.verdict === undefined || verdicts.includes(r.verdict), `${r.surface}: ${r.verdict}\n${table}`);
        // A surface that leaves a ruled-out option out has no figure for it; one that shows it shows the same.
        if (c.verdict !== 'ruled out' || r.usd !== null) assert.equal(r.usd === null ? '—' : dollars(r.usd), dollars(c.usd), `${r.surface}\n${table}`);
        if (c.setup && r.setup) assert.equal(r.setup, c.setup.slice(0, r.setup.length), `${r.surface}\n${table}`);
      }
    });
  }
});
