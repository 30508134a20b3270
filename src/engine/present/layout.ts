/**
 * The words for a replica's layout (sizing/serving/layout.ts): how its GPUs split the model,
 * said the same way by the serving estimate's lines, the CLI's heading and the editor.
 */

/** A layout as the words need it: plain numbers, so that any front end can pass its own. */
export interface LayoutWords {
  gpus: number;
  gpuName: string;
  expertParallel: number;
  dpAttention: boolean;
}

/** "8× H200, expert parallel 8 with DP attention"; "8× H200, tensor parallel 8" without a layout. */
export function layoutText(l: LayoutWords): string {
  const head = `${l.gpus}× ${l.gpuName}`;
  if (l.expertParallel > 1 && l.dpAttention) return `${head}, expert parallel ${l.expertParallel} with DP attention`;
  if (l.expertParallel > 1) return `${head}, expert parallel ${l.expertParallel}${l.expertParallel < l.gpus && l.gpus % l.expertParallel === 0 ? ` × tensor parallel ${l.gpus / l.expertParallel} for the experts` : ''}, attention tensor parallel ${l.gpus}`;
  if (l.dpAttention) return `${head}, DP attention ${l.gpus} with tensor-parallel experts`;
  return `${head}, tensor parallel ${l.gpus}`;
}
