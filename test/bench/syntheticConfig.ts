/** A config of `n` workloads mixing the shapes users write: API, self-hosted, alternatives, requirements. */
export function syntheticConfig(n: number): string {
  const models = ['gpt-4o', 'claude-3.5-sonnet', 'deepseek-v3', 'llama-3.1-70b', 'qwen-2.5-72b'];
  const workloads = Array.from({ length: n }, (_, i) => {
    const model = models[i % models.length]!;
    const volume = `${10 + (i % 500)}M`;
    if (i % 5 === 3) {
      return { name: `batch-${i}`, model, monthlyTokens: volume, deployment: { selfHosted: { gpu: 'a100-80gb', gpus: 1, quantization: 'int4', throughputTps: 200 + (i % 400) } } };
    }
    return {
      name: `chat-${i}`,
      model: model === 'llama-3.1-70b' ? 'gpt-4o' : model,
      monthlyTokens: volume,
      deployment: 'api',
      ...(i % 3 === 0 ? { alternatives: [{ model: 'llama-3.1-70b', selfHosted: { gpu: 'a100-80gb', gpus: 1, quantization: 'int4', throughputTps: 25 } }] } : {}),
    };
  });
  return `${JSON.stringify({ assumptions: { gpuHourlyUsd: 2.5 }, requirements: ['best_math_code'], workloads }, null, 2)}\n`;
}
