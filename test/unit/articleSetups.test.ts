/** The article's batch-1 setups a workload's cost table shows: those that say something about its model. */
import * as assert from 'node:assert/strict';
import { cliCatalog } from '../../src/cli/catalogFiles';
import { articleSetupsFor, findModel } from '../../src/engine';

const cat = cliCatalog().catalog;
const ids = (model: string) => articleSetupsFor(cat, findModel(model, cat)).map((s) => s.id);

describe('the article’s setups beside a workload', () => {
  it('an 8B model: none (405B on 12× A100 and a 671B model say nothing of it)', () => {
    assert.deepEqual(ids('llama-3.1-8b'), []);
  });

  it('a 70B model: its own setup and the 72B one, not the 405B nor DeepSeek V3', () => {
    assert.deepEqual(ids('llama-3.1-70b'), ['llama-3.1-70b-int4-1xa100', 'qwen-2.5-72b-int4-1xa100']);
  });

  it('DeepSeek V3 (671B): its own setup, shown although it does not fit (that is what the row says), and the 405B one', () => {
    assert.deepEqual(ids('deepseek-v3'), ['deepseek-v3-int4-4xa100', 'llama-3.1-405b-fp16-12xa100']);
  });

  it('a closed model: the article’s comparison, every setup that fits', () => {
    assert.deepEqual(ids('gpt-4o'), ['llama-3.1-70b-int4-1xa100', 'llama-3.1-405b-fp16-12xa100', 'qwen-2.5-72b-int4-1xa100']);
  });
});
