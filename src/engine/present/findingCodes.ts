/**
 * What each finding code means in one line, and where the README explains it: the editor
 * links its diagnostics there and the CLI's SARIF rules carry both.
 */

/** The README has one heading per finding code. */
export const FINDINGS_DOC_URL = 'https://github.com/llm-cost-lens/llm-cost-lens/blob/main/README.md';

export function findingDocUrl(code: string): string {
  return `${FINDINGS_DOC_URL}#${headingAnchor(code)}`;
}

/** A GitHub heading anchor for a heading that is only the code. */
function headingAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/** One line per code the engine emits; a unit test holds it complete. */
export const FINDING_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'json-syntax': 'The file is not valid JSON with comments.',
  schema: 'A field has the wrong type or value.',
  'unknown-property': 'A property the schema does not know.',
  'not-an-object': 'The file is not a JSON object with a workloads array.',
  'empty-config': 'The file is empty: it needs a workloads array.',
  'unknown-model': 'The model is not in the catalog.',
  'ambiguous-host': 'The name picks no host: it is priced by the model\'s own lab, and other hosts price it too.',
  'price-stand-in': 'The host the name picks has no price for the model: another host\'s price stands in.',
  'weak-match': 'The name is priced as the closest known entry, another version or model: confirm it.',
  'estimated-shape': "The family is not in the catalog: the model is sized as a dense model of the size its tag states.",
  'unknown-gpu': 'The GPU is not in the catalog.',
  'unknown-quantization': 'The quantization is not in the catalog.',
  'projected-model': 'The model is projected: its figures are estimates.',
  'no-api-price': 'The catalog has no API price for the model.',
  'unpriced-model': 'A model declared in "models" has no price, alias or size: its workloads are unpriced.',
  'not-self-hostable': 'An API-only model cannot be self-hosted: its weights are not released.',
  'does-not-fit': "Weights, KV cache and runtime reserve exceed the GPUs' memory.",
  'over-capacity': 'The volume needs more replicas than the config sets.',
  'traffic-with-replicas': 'Replicas set beside a traffic run around the clock, as written: the traffic gives their idle share.',
  'replicas-needed': 'The volume needs more than one replica and the config does not say how many.',
  'self-host-cheaper': 'At this volume a self-hosted alternative costs less than the API.',
  'self-host-never-wins': 'A replica costs more per token than the API even at full use.',
  'api-cheaper': 'A self-hosted workload costs more than the API it is compared with.',
  'requirement-cost': 'A requirement rules out a cheaper option, such as an API under data_privacy: its cost is said.',
  'not-modelled': 'The serving model does not estimate this setup (a format the GPU has no math for): no figure.',
  'not-priced': 'No offer rents this GPU in the pricing mode and group size, and the file prices it nowhere: no figure.',
  'missing-price': 'The source lacks a batch, service-tier or cache price the workload asks for: standard rates apply.',
  'model-not-allowed': 'The model is not in allowedModels.',
  'beyond-hardware': "A setup's throughputTps is more than its GPUs could compute for the model.",
  'out-of-range': "The workload's inputs are valid one by one but together too large to compute.",
  'duplicate-workload-name': 'Two workloads share a name.',
  'conflict-data_privacy': 'The workload sends prompts to a third-party API although data_privacy is required.',
  'conflict-context_1m': 'The model holds less than the 1M tokens of context that context_1m requires.',
  'conflict-fine_tuning': "The model's weights are not released, so fine_tuning is limited to its provider's API.",
  'conflict-budget_under_100': 'The workload costs more than the $100/month that budget_under_100 allows.',
  'conflict-quick_prototype': 'The workload is self-hosted although quick_prototype asks for no infrastructure.',
  'conflict-maximum_safety': 'The model trails the leader on the safety figures that maximum_safety weighs.',
  'conflict-best_math_code': 'The model trails the leader on the math and code figures that best_math_code weighs.',
  'conflict-chinese_language': 'The model trails the leader on the Chinese figures that chinese_language weighs.',
  'conflict-agentic_tool_use': 'The model trails the leader on the tool-use figures that agentic_tool_use weighs.',
  'conflict-production_at_scale': 'The deployment contradicts production_at_scale.',
  'usage-drift': 'A volume, share or request shape far from what the loaded usage shows.',
  'usage-unlisted-model': 'The loaded usage shows models that no workload names.',
  'internal-error': 'A bug in LLM Cost Lens: the analysis failed.',
};

export function findingDescription(code: string): string | undefined {
  return Object.hasOwn(FINDING_DESCRIPTIONS, code) ? FINDING_DESCRIPTIONS[code] : undefined;
}
