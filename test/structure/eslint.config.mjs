/**
 * The two structure rules dependency-cruiser cannot see, since they are about arithmetic and
 * not imports: only src/engine/pricing/ turns GPU-hours into dollars, and only
 * src/engine/sizing/ computes memory. Checked on the syntax with ESLint's core
 * no-restricted-syntax rule (esquery selectors), in the unit tier (test/unit/structure.test.ts),
 * which also shows each rule bites on a small tree that breaks it.
 *
 * The selectors look at a product's two operands (a `*` or `*=`), by the names the code gives
 * them: a name that says "an hourly price" or "bytes per parameter, per value, per token" or
 * "a model's layer shape" is a figure only its own folder may multiply. They are precise rather
 * than complete: a product of two anonymous numbers is not seen; code review still is.
 * Patterns are relative to the working directory ESLint runs in (the repository, or the
 * temporary tree of the test).
 */
import tsParser from '@typescript-eslint/parser';

/** A product: `a * b`, or `a *= b`. `O` is an operand's selector, checked on either side. */
const product = (operand) =>
  [
    `BinaryExpression[operator='*']:matches(${operand('left')}, ${operand('right')})`,
    `AssignmentExpression[operator='*=']:matches(${operand('left')}, ${operand('right')})`,
  ].join(', ');

/**
 * An operand named by `re`: a plain identifier (`hourly`), a property (`o.hourlyUsd`), a call
 * (`kvBytesPerToken(model)`, `cat.kvBytesPerToken(m)`) or such a call with a fallback
 * (`kvBytesPerToken(model) ?? 0`).
 */
const named = (re) => (side) =>
  [
    `[${side}.name=${re}]`,
    `[${side}.property.name=${re}]`,
    `[${side}.callee.name=${re}]`,
    `[${side}.callee.property.name=${re}]`,
    `[${side}.left.callee.name=${re}]`,
  ].join(', ');

/**
 * A GPU-hour price: a name with "hourly" in it (hourly, hourlyUsd, gpuHourlyUsd,
 * hourlyUsdPerGpu), or the price gpuHourPrice returns (`gpuHourPrice(…).usd`). Multiplying one
 * by anything (GPUs, hours) is making dollars of GPU-hours.
 */
const HOURLY = '/[Hh]ourly/';
const GPU_HOUR_SELECTOR = [product(named(HOURLY)), `BinaryExpression[operator='*']:matches([left.object.callee.name='gpuHourPrice'], [right.object.callee.name='gpuHourPrice'])`].join(', ');

/**
 * Memory: a product with a byte or bit size per parameter, value or token as a factor
 * (bytesPerParam, bitsPerWeight, kvDtypeBytes, kvBytesPerToken…), with the KV cache's
 * attention shape (kvHeads, headDim, the MLA latent kvLoraRank and qkRopeHeadDim), or with a
 * model's layer shape (layers, hiddenSize, intermediateSize, vocabSize): weights, KV cache and
 * activations are all products of these. A GPU's own memory (memoryGB × gpus) is a fact of the
 * GPU, not a model's memory, and is not matched.
 */
const MEMORY_NAMES = '/^(\\w*[Bb]ytesPer\\w*|\\w*[Bb]itsPer\\w*|kv\\w*Bytes|kvHeads|headDim|kvLoraRank|qkRopeHeadDim|layers|numLayers|hiddenSize|intermediateSize|vocabSize)$/';
const MEMORY_SELECTOR = product(named(MEMORY_NAMES));

const SOURCES = ['src/**/*.ts', 'webview/**/*.ts'];

// Each message starts with the rule's name: the test tells the two rules apart by it.
const GPU_HOURS = { selector: GPU_HOUR_SELECTOR, message: 'gpu-hours-priced-in-pricing: only src/engine/pricing/ multiplies GPU-hours by a price; call gpuMonthlyUsd (pricing/cost.ts).' };
const MEMORY = { selector: MEMORY_SELECTOR, message: 'memory-sized-in-sizing: only src/engine/sizing/ computes memory (weights, KV cache, activations); call its functions (sizing/modelBytes.ts, sizing/memory.ts).' };

const PRICING = 'src/engine/pricing/**';
const SIZING = 'src/engine/sizing/**';

// no-restricted-syntax takes one list of selectors per file (a later object replaces an
// earlier one's), so each folder gets the full list that holds for it.
export default [
  {
    files: SOURCES,
    languageOptions: { parser: tsParser, sourceType: 'module' },
    // A file cannot turn the check off for itself.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
  },
  { name: 'outside pricing/ and sizing/: both rules', files: SOURCES, ignores: [PRICING, SIZING], rules: { 'no-restricted-syntax': ['error', GPU_HOURS, MEMORY] } },
  { name: 'sizing/: computes memory, prices no GPU-hour', files: [`${SIZING}/*.ts`], rules: { 'no-restricted-syntax': ['error', GPU_HOURS] } },
  { name: 'pricing/: prices GPU-hours, computes no memory', files: [`${PRICING}/*.ts`], rules: { 'no-restricted-syntax': ['error', MEMORY] } },
];
