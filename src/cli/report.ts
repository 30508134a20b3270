/** Turns an Analysis into the CLI's JSON, SARIF and text reports. */
import { type Analysis, explanationLines, type Finding, findingDescription, findingDocUrl, formatTokensM, formatUsd, idleText, positionConverter, pricingText, totalText, workloadOptions } from '../engine';
import { printable } from './printable';

const TOOL_URI = 'https://github.com/llm-cost-lens/llm-cost-lens';

/** Whose prices, as --json writes them everywhere. */
export function pricingJson(p: Analysis['pricing']) {
  return {
    source: p.source,
    asOf: p.asOf,
    // What the date is: the data's own ("data"), the server's Last-Modified, the file's mtime, or the download time.
    asOfKind: p.asOfKind,
    fetchedAt: p.fetchedAt ?? null,
    stale: p.stale === true,
    fallbackReason: p.fallbackReason ?? null,
  };
}

export function analysisJson(analysis: Analysis, text: string) {
  const toPosition = positionConverter(text);
  return {
    pricing: pricingJson(analysis.pricing),
    assumptions: analysis.assumptions,
    totalMonthlyCostUsd: analysis.totalMonthlyCostUsd,
    unpricedWorkloads: analysis.unpricedWorkloads,
    workloads: analysis.workloads.map((w) => ({
      name: w.name,
      model: w.model,
      deployment: w.deployment,
      monthlyTokensM: w.monthlyTokensM,
      monthlyCostUsd: w.monthlyCostUsd,
      costPerMillionUsd: w.costPerMillionUsd,
      // Only where the setup states its traffic: the idle GPU-hours' share of monthlyCostUsd, and the day that sized it.
      ...(w.idleMonthlyUsd !== undefined ? { idleMonthlyUsd: w.idleMonthlyUsd } : {}),
      ...(w.dayTraffic ? { dayTraffic: w.dayTraffic } : {}),
      selfHost: w.selfHost && {
        gpu: w.selfHost.gpu,
        gpus: w.selfHost.gpus,
        quantization: w.selfHost.quantization,
        throughputTps: w.selfHost.throughputTps,
        throughputSource: w.selfHost.throughputSource,
        capacityTokensM: w.selfHost.capacityTokensM,
        replicas: w.selfHost.replicas,
        fixedMonthlyUsd: w.selfHost.fixedMonthlyUsd,
        costPerMillionAtCapacityUsd: w.selfHost.costPerMillionAtCapacityUsd,
        memoryNeededGB: w.selfHost.memoryNeededGB,
        memoryAvailableGB: w.selfHost.memoryAvailableGB,
        fits: w.selfHost.fits,
      },
      crossovers: w.crossovers.map((c) => ({
        apiModel: c.apiModel,
        selfHostModel: c.selfHostModel,
        apiPricePerMillionUsd: c.apiPricePerMillionUsd,
        selfHostFixedMonthlyUsd: c.selfHostFixedMonthlyUsd,
        selfHostCapacityTokensM: c.selfHostCapacityTokensM,
        crossoverTokensM: c.crossoverTokensM,
        makesSense: c.makesSense,
        breakEvenThroughputTps: c.breakEvenThroughputTps,
        origin: c.origin,
      })),
      // The workload's options at its volume, as the lens and the findings weigh them.
      options: workloadOptions(w),
      explanation: explanationLines(w.explanation),
    })),
    findings: analysis.findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      message: f.message,
      range: { start: toPosition(f.offset), end: toPosition(f.offset + f.length) },
    })),
  };
}

export function analysisSarif(analysis: Analysis, text: string, fileUri: string, version: string) {
  const toPosition = positionConverter(text);
  const codes = [...new Set(analysis.findings.map((f) => f.code))];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'llm-cost-lens', version, informationUri: TOOL_URI, rules: codes.map(sarifRule) } },
        // Offsets are JavaScript string indices, so columns count UTF-16 code units, as VS Code does.
        columnKind: 'utf16CodeUnits',
        results: analysis.findings.map((f) => {
          const start = toPosition(f.offset);
          const end = toPosition(f.offset + f.length);
          return {
            ruleId: f.code,
            level: sarifLevel(f),
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: fileUri },
                  region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
                },
              },
            ],
          };
        }),
      },
    ],
  };
}

function sarifRule(code: string) {
  const description = findingDescription(code);
  return { id: code, ...(description ? { shortDescription: { text: description } } : {}), helpUri: findingDocUrl(code) };
}

function sarifLevel(f: Finding): 'error' | 'warning' | 'note' {
  return f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note';
}

export function analysisText(analysis: Analysis, text: string, file: string): string {
  const toPosition = positionConverter(text);
  const lines: string[] = [];
  for (const w of analysis.workloads) {
    const cost = w.monthlyCostUsd === null ? 'no price' : `${formatUsd(w.monthlyCostUsd)}/mo`;
    const perM = w.costPerMillionUsd === null ? '' : ` (${formatUsd(w.costPerMillionUsd)}/M)`;
    // A self-hosted workload that could not be sized (unknown model, GPU) is still not an API one.
    const how = w.selfHost ? w.selfHost.label : w.deployment === 'self-hosted' ? 'self-hosted, not sized' : 'API';
    const idle = idleText(w);
    lines.push(`${w.name}: ${w.model} · ${how} · ${formatTokensM(w.monthlyTokensM)} tok/mo → ${cost}${perM}${idle ? ` · ${idle}` : ''}`);
  }
  lines.push(`Total: ${totalText(analysis)} (prices: ${pricingText(analysis.pricing)})`);
  for (const f of analysis.findings) {
    const p = toPosition(f.offset);
    lines.push(`${file}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.code}: ${f.message}`);
  }
  // Names, ids and the messages that quote them come from the config as written.
  return lines.map(printable).join('\n') + '\n';
}
