/**
 * The Quantization tab's page: one open model's weights, KV cache and memory in each weight
 * format, and the fewest GPUs of each kind that hold it.
 */
import { formatNumber } from '../../../src/engine';
import { el, replaceChildren, table, type Cell } from '../../dom';
import { gb } from '../../viewModel';
import type { PanelTab, TabHost } from '../host';
import { quantView } from './viewModel';

export function mountQuantizationTab(section: HTMLElement, host: TabHost): PanelTab {
  const modelSelect = el('vscode-single-select', { id: 'quant-model', attrs: { 'aria-label': 'Model' } }) as HTMLElement & { value: string };
  modelSelect.addEventListener('change', () => {
    if (modelSelect.value && modelSelect.value !== host.state().inputs.quantModel) host.setInputs((inputs) => void (inputs.quantModel = modelSelect.value));
  });
  const quantResults = el('div', { id: 'quant-results' });
  const quantModelRow = el('div', { class: 'field' }, el('vscode-label', { text: 'Model', attrs: { for: 'quant-model' } }), modelSelect);
  replaceChildren(section, quantModelRow, quantResults);

  let renderedModels = '';
  function renderQuantization(): void {
    const analysis = host.analysis();
    if (!analysis) {
      replaceChildren(quantResults, el('p', { class: 'empty', text: 'Sizing appears here once the workspace has an llm.config.json (see above).' }));
      quantModelRow.hidden = true;
      return;
    }
    quantModelRow.hidden = false;
    const view = quantView(analysis, host.state().inputs);
    if (!view) {
      replaceChildren(quantResults, el('p', { class: 'empty', text: 'No open-weight model with a public size in the catalog.' }));
      return;
    }
    const ids = view.models.map((m) => m.id).join(',');
    if (renderedModels !== ids) {
      renderedModels = ids;
      modelSelect.replaceChildren(...view.models.map((m) => el('vscode-option', { text: m.name, attrs: { value: m.id } })));
    }
    modelSelect.value = view.model;
    replaceChildren(
      quantResults,
      el('p', {
        class: 'summary',
        text:
          `${view.modelName}: ${view.paramsB}B parameters, sized as the workloads are (the serving model where it knows the model and the GPU): ` +
          `${formatNumber(view.shape.inputTokens)} in / ${formatNumber(view.shape.outputTokens)} out tokens × ${view.concurrency} request(s) at once, the engine's workspace and 10% kept back.`,
      }),
      table({
        label: `Quantization options for ${view.modelName}`,
        id: 'quant',
        header: ['Format', 'Weights', 'KV cache', 'Memory', 'Speed-up', 'Quality loss', 'Fits on (fewest GPUs of 1, 2, 4, 8)'],
        rows: view.rows.map((q) => [q.name, q.memoryModel === 'simple' ? { content: [`${gb(q.weightsGB)} (simple estimate: the serving model has no record of this format)`], class: 'wrap' } : gb(q.weightsGB), gb(q.kvCacheGB), q.memoryReduction === '1×' ? 'as FP16' : `${q.memoryReduction} smaller`, q.speedup, { content: [q.qualityLoss], class: 'wrap' }, { content: [q.fitsOn], class: 'wrap' }]),
      }),
      el('h2', { text: 'GPUs needed, by GPU and format' }),
      table({
        label: 'Fewest GPUs that hold the model, by GPU and format',
        id: 'quant-matrix',
        header: ['GPU', ...view.rows.map((q) => q.name)],
        rows: view.gpus.map((g, gi) => [g.name, ...view.rows.map((q): Cell => (q.fewestGpus[gi] === 'not run' ? { content: ['not run'], class: 'muted', title: 'Stock vLLM does not run this format on this GPU' } : q.fewestGpus[gi] ? `${q.fewestGpus[gi]}×` : { content: ['> 8'], class: 'bad' }))]),
      }),
    );
  }

  return { render: renderQuantization };
}
