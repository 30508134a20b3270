import vscode = require('vscode');

/** A new llm.config.json: one workload, with comments that say what each part is for. */
export function configTemplate(eol = '\n'): string {
  const comment = (text: string) => `// ${text.replace(/[\r\n]+/g, ' ')}`;
  return [
    comment(vscode.l10n.t('LLM Cost Lens: the models this project uses, for what, at what monthly volume.')),
    comment(vscode.l10n.t('Costs show above each workload; hover a model id or a figure for details.')),
    '{',
    `  ${comment(vscode.l10n.t('Cost assumptions; each overrides the extension setting of the same name.'))}`,
    '  "assumptions": { "gpuHourlyUsd": 2.5, "hoursPerMonth": 720 },',
    `  ${comment(vscode.l10n.t('Requirements from the decision framework, e.g. "data_privacy", "context_1m", "best_math_code".'))}`,
    '  "requirements": [],',
    '  "workloads": [',
    '    {',
    '      "name": "support-chat",',
    '      "model": "gpt-4o",',
    `      ${comment(vscode.l10n.t('Tokens a month: a number, or a string such as "240M", "500K" or "1.5B".'))}`,
    '      "monthlyTokens": "100M",',
    `      ${comment(vscode.l10n.t('"api", or { "selfHosted": { "gpu": "a100-80gb", "quantization": "int4" } } for rented GPUs.'))}`,
    '      "deployment": "api"',
    '    }',
    '  ]',
    '}',
    '',
  ].join(eol);
}
