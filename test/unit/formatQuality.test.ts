import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { catalog, catalogFromFiles, CATALOG_FILES, formatQuality, FormatQualityError, parseFormatQuality, qualityAllows, WEIGHT_FORMATS } from '../../src/engine';

const dataDir = path.resolve(__dirname, '../../../src/engine/catalog/data');
const raw = () => JSON.parse(readFileSync(path.join(dataDir, 'formatQuality.json'), 'utf8')) as { rows: Record<string, unknown>[] };
const rows = parseFormatQuality(raw()).rows;
const openModels = (JSON.parse(readFileSync(path.join(dataDir, 'openModels.json'), 'utf8')) as { models: { id: string; quantization: { basis: string; publishedWeights?: string } }[] }).models;
const modelIds = new Set(openModels.map((m) => m.id));

describe('format quality (formatQuality.json)', () => {
  it('parses; every row names an open model, a serving format, its source, date and the words it quotes', () => {
    assert.ok(rows.length >= 4);
    const formats = new Set(WEIGHT_FORMATS.map((f) => f.id));
    for (const row of rows) {
      const what = `${row.model} ${row.format}`;
      assert.ok(modelIds.has(row.model), `${what}: not a model of openModels.json`);
      assert.ok(formats.has(row.format), `${what}: not a serving format`);
      assert.match(row.source, /^https:\/\//, what);
      assert.ok(!Number.isNaN(Date.parse(row.asOf)), what);
      // The note quotes the two scores as the source prints them.
      assert.ok(row.note.includes(row.quantizedScore.toFixed(2)) && row.note.includes(row.baselineScore.toFixed(2)), `${what}: the note quotes both scores`);
    }
  });

  it('rejects a row it could not use, and a second row for the same model and format', () => {
    const bad = raw();
    bad.rows[0]!.source = 'http://example.com';
    assert.throws(() => parseFormatQuality(bad), (e: unknown) => e instanceof FormatQualityError && /rows\.0\.source/.test(e.message));
    const twice = raw();
    twice.rows.push({ ...twice.rows[0]! });
    assert.throws(() => parseFormatQuality(twice), /a second row for llama-3\.1-70b in fp8/);
  });

  it('says near-lossless within 1%, lossy below, and unknown where nothing is published', () => {
    const verdict = (model: string, format: string) => {
      const q = formatQuality(rows, model, format);
      return 'recovery' in q ? [q.kind, Math.round(q.recovery * 10000) / 100] : [q.kind];
    };
    assert.deepEqual(verdict('llama-3.1-70b', 'fp8'), ['near-lossless', 99.87]);
    assert.deepEqual(verdict('llama-3.1-70b', 'int4-gptq'), ['near-lossless', 99.83]);
    assert.deepEqual(verdict('llama-3.1-8b', 'fp8'), ['near-lossless', 99.53]);
    assert.deepEqual(verdict('llama-3.1-8b', 'int4-gptq'), ['lossy', 97.48]);
    // No row stands in for another format or another model.
    assert.deepEqual(verdict('llama-3.1-70b', 'int4-awq'), ['unknown']);
    assert.deepEqual(verdict('llama-3.3-70b', 'fp8'), ['unknown']);
    assert.deepEqual(verdict('llama-3.1-70b', 'bf16'), ['reference']);
  });

  it('near-lossless keeps the 16-bit weights and near-lossless formats; any keeps all', () => {
    const allows = (quality: 'near-lossless' | 'any', model: string, format: string) => qualityAllows(quality, formatQuality(rows, model, format));
    assert.deepEqual(
      [allows('near-lossless', 'llama-3.1-8b', 'bf16'), allows('near-lossless', 'llama-3.1-8b', 'fp8'), allows('near-lossless', 'llama-3.1-8b', 'int4-gptq'), allows('near-lossless', 'llama-3.1-8b', 'int4-awq')],
      [true, true, false, false],
    );
    assert.deepEqual([allows('any', 'llama-3.1-8b', 'int4-gptq'), allows('any', 'llama-3.1-8b', 'int4-awq')], [true, true]);
  });

  it('takes the weights a lab publishes as the reference: FP8 for DeepSeek and Kimi K2, MXFP4 for gpt-oss, as their config.json says', () => {
    const published = Object.fromEntries(openModels.filter((m) => m.quantization.publishedWeights).map((m) => [m.id, m.quantization.publishedWeights]));
    assert.deepEqual(published, { 'deepseek-v3': 'fp8', 'deepseek-v3.1': 'fp8', 'deepseek-r1': 'fp8', 'kimi-k2': 'fp8', 'gpt-oss-20b': 'mxfp4', 'gpt-oss-120b': 'mxfp4' });
    for (const m of openModels) if (m.quantization.publishedWeights) assert.match(m.quantization.basis, new RegExp(m.quantization.publishedWeights, 'i'), m.id);
    assert.deepEqual(formatQuality(rows, 'deepseek-v3', 'fp8', 'fp8'), { kind: 'reference', published: 'fp8' });
    assert.deepEqual(formatQuality(rows, 'deepseek-v3', 'bf16', 'fp8'), { kind: 'reference' });
    assert.equal(formatQuality(rows, 'deepseek-v3', 'int4-awq', 'fp8').kind, 'unknown');
    assert.equal(formatQuality(rows, 'gpt-oss-120b', 'mxfp4', 'mxfp4').kind, 'reference');
  });

  it('is part of the catalog read from the shipped files; the curated-only catalog has none', () => {
    const text = readFileSync(path.join(dataDir, CATALOG_FILES.formatQuality), 'utf8');
    const loaded = catalogFromFiles({ formatQuality: text });
    assert.equal(loaded.catalog.formatQuality?.length, rows.length);
    assert.equal(catalog.formatQuality, undefined);
    assert.match(catalogFromFiles({ formatQuality: '{' }).problems.join('\n'), /formatQuality\.json is not JSON/);
  });
});
