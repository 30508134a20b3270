/**
 * The CLI's SARIF (dist/cli.js --sarif), checked against the SARIF 2.1.0 JSON schema that
 * @microsoft/jest-sarif ships, and the finding codes' descriptions and links that its rules carry.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { getLanguageService, TextDocument, type JSONSchema } from 'vscode-json-languageservice';
import { REQUIREMENT_IDS } from '../../src/engine';
import { FINDING_DESCRIPTIONS, FINDINGS_DOC_URL, findingDescription, findingDocUrl } from '../../src/engine/present/findingCodes';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');
const fixture = (name: string) => path.join(root, 'test/fixtures/engine', name);
const schemaFile = path.join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function sarifOf(file: string) {
  const r = spawnSync(process.execPath, [cli, 'analyze', file, '--sarif'], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return { text: r.stdout, log: JSON.parse(r.stdout) };
}

function tempConfig(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'llm-cost-lens-sarif-')), 'llm.config.json');
  writeFileSync(file, text);
  return file;
}

/** Schema errors in a SARIF log, as "line: message". */
async function schemaErrors(text: string): Promise<string[]> {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as JSONSchema;
  // No schema request service: nothing is fetched, the $schema URL in the log included.
  const service = getLanguageService({});
  const doc = TextDocument.create('file:///llm-cost-lens.sarif', 'json', 1, text);
  const diagnostics = await service.doValidation(doc, service.parseJSONDocument(doc), { schemaValidation: 'error' }, schema);
  return diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

/** Every code the engine can emit, found as readme.test.ts finds them. */
function engineCodes(): string[] {
  const engine = path.join(root, 'src/engine');
  const sources = readdirSync(engine, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(engine, f), 'utf8'));
  const codes = new Set(sources.flatMap((text) => [...text.matchAll(/code: '([a-z0-9_-]+)'/g)].map((m) => m[1]!)));
  for (const kind of ['gpu', 'quantization']) codes.add(`unknown-${kind}`);
  for (const requirement of REQUIREMENT_IDS) codes.add(`conflict-${requirement}`);
  return [...codes].sort();
}

describe('SARIF output', function () {
  this.timeout(30_000);
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
  });

  it('the schema is the official SARIF 2.1.0 one, and the check rejects what it forbids', async () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    assert.match(schema.title, /^Static Analysis Results Format \(SARIF\) Version 2\.1\.0/);
    assert.ok(schema.definitions.run.properties.columnKind, 'the schema defines columnKind');
    const { log } = sarifOf(fixture('unknown-ids.json'));
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].columnKind = 'bytes';
    log.runs[0].tool.driver.rules[0].shortDescription = 'not an object';
    log.runs[0].extra = true;
    const errors = await schemaErrors(JSON.stringify(log, null, 2));
    assert.equal(errors.length, 4, errors.join('\n'));
  });

  for (const name of ['unknown-ids.json', 'conflicts.json', 'does-not-fit.json', 'broken-syntax.json', 'broken-schema.json', 'seed-setups.json']) {
    it(`analyze --sarif on ${name} is valid SARIF 2.1.0`, async () => {
      const { text, log } = sarifOf(fixture(name));
      assert.ok(log.runs[0].results.length > 0, 'the fixture has findings');
      assert.deepEqual(await schemaErrors(text), []);
    });
  }

  it('analyze --sarif without findings, and on the example, is valid SARIF 2.1.0', async () => {
    for (const file of [tempConfig('{"workloads":[]}'), path.join(root, 'examples/llm.config.json')]) {
      assert.deepEqual(await schemaErrors(sarifOf(file).text), [], file);
    }
  });

  it('each rule has its one-line description and a helpUri to the README heading of its code, the link the editor uses', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const { log } = sarifOf(fixture('conflicts.json'));
    const rules: { id: string; shortDescription: { text: string }; helpUri: string }[] = log.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((r) => r.id).sort(), [...new Set(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId))].sort());
    assert.ok(rules.length > 1);
    for (const rule of rules) {
      assert.equal(rule.shortDescription.text, FINDING_DESCRIPTIONS[rule.id]);
      assert.equal(rule.helpUri, `${FINDINGS_DOC_URL}#${rule.id}`);
      assert.equal(rule.helpUri, findingDocUrl(rule.id));
      assert.match(readme, new RegExp(`^### ${rule.id}$`, 'm'));
    }
    assert.equal(FINDINGS_DOC_URL, 'https://github.com/llm-cost-lens/llm-cost-lens/blob/main/README.md');
  });

  it('every finding code the engine can emit has a one-line description, and only those do', () => {
    const codes = engineCodes();
    assert.ok(codes.length >= 30, `${codes.length} codes`);
    assert.deepEqual(Object.keys(FINDING_DESCRIPTIONS).sort(), codes);
    for (const code of codes) {
      const description = findingDescription(code)!;
      assert.match(description, /^[A-Z][^\n]{10,100}\.$/, code);
    }
    assert.equal(findingDescription('constructor'), undefined);
  });

  it('columns count UTF-16 code units, as VS Code does, and the run says so', () => {
    // Each emoji is two UTF-16 code units and one code point: the columns tell them apart.
    const text = '{"workloads":[{"name":"😀😀","model":"gpt-5o-mega","monthlyTokens":"1M"}]}';
    const { log } = sarifOf(tempConfig(text));
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'unknown-model');
    const region = result.locations[0].physicalLocation.region;
    assert.equal(region.startColumn, text.indexOf('"gpt-5o-mega"') + 1);
    assert.equal(region.endColumn, text.indexOf('"gpt-5o-mega"') + '"gpt-5o-mega"'.length + 1);
    assert.equal([...text.slice(0, region.startColumn - 1)].length, region.startColumn - 3, 'two fewer code points than code units');
  });
});
