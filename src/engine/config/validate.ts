/** Schema issues → findings on the exact node that is wrong. */
import type * as z from 'zod/mini';
import type { Finding } from '../analysis/types';
import { didYouMean } from '../catalog';
import { configSchema, workloadSchema } from './schema';
import { describeValue, NONE, rangeForPath, valueAt, type ConfigDocument } from './document';

export type SchemaResult = { success: true } | { success: false; error: { issues: z.core.$ZodIssue[] } };

/** Each workload's schema issues by its text, as the last check found them: a workload not edited is not checked again. */
export type SchemaIssueCache = Map<string, readonly z.core.$ZodIssue[]>;

/**
 * The schema's verdict on a config, checking the file without its workloads once and each
 * workload on its own: an edit to one workload of thousands checks that one again, and the
 * others' issues come from `previous` by their unchanged text (issues are relative to the
 * workload; their paths get its index here). Fills `next` with this check's issues.
 */
export function validateConfig(doc: ConfigDocument, text: string, value: Record<string, unknown>, previous?: SchemaIssueCache, next?: SchemaIssueCache): SchemaResult {
  const workloads = value.workloads;
  const workloadsNode = doc.tree.child(doc.tree.root, 'workloads');
  if (!Array.isArray(workloads) || doc.tree.kind(workloadsNode) !== 'array') return configSchema.safeParse(value);
  const nodes = doc.tree.children(workloadsNode);
  if (nodes.length !== workloads.length) return configSchema.safeParse(value);
  const root = configSchema.safeParse({ ...value, workloads: [] });
  const rootIssues = root.success ? [] : root.error.issues;
  // In the order a whole-file check gives them: the file's unknown keys after its workloads'.
  const unknownAtRoot = rootIssues.filter((i) => i.code === 'unrecognized_keys' && i.path.length === 0);
  const issues: z.core.$ZodIssue[] = rootIssues.filter((i) => !unknownAtRoot.includes(i));
  workloads.forEach((workload, index) => {
    const range = doc.tree.range(nodes[index]!);
    const key = text.slice(range.offset, range.offset + range.length);
    let own = previous?.get(key);
    if (!own) {
      const checked = workloadSchema.safeParse(workload);
      own = checked.success ? [] : checked.error.issues;
    }
    next?.set(key, own);
    for (const issue of own) issues.push({ ...issue, path: ['workloads', index, ...issue.path] } as z.core.$ZodIssue);
  });
  issues.push(...unknownAtRoot);
  return issues.length ? { success: false, error: { issues } } : { success: true };
}

type Path = (string | number)[];

export function schemaFindings(doc: ConfigDocument, result: SchemaResult): Finding[] {
  if (result.success) return [];
  const findings: Finding[] = [];
  for (const issue of tightestBounds(result.error.issues.flatMap(intoBranch))) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      findings.push(...unknownKeyFindings(doc, path, issue.keys));
      continue;
    }
    findings.push({ severity: 'error', code: 'schema', message: messageFor(doc, path, issue), ...rangeForPath(doc, path), fixes: fixesFor(doc, path, issue) });
  }
  return findings;
}

/**
 * A union's issues, from the one member the value's type matches: "gpus": "2" in a setup is
 * reported at "gpus" ("expected a whole number"), not over the whole deployment as "expected
 * "api" or { selfHosted … }". When no member or several match, the union's own message stays.
 */
function intoBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue];
  const typeMatched = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')));
  if (typeMatched.length !== 1) return [issue];
  return typeMatched[0]!.flatMap((i) => intoBranch({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
}

/** One bound per field: a whole number under our limit also meets zod's safe-integer one, which is noise. */
function tightestBounds(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const kept = new Map<string, z.core.$ZodIssue>();
  return issues.filter((issue) => {
    if (issue.code !== 'too_big' && issue.code !== 'too_small') return true;
    const key = `${issue.code} ${JSON.stringify(issue.path)}`;
    const other = kept.get(key);
    if (!other) {
      kept.set(key, issue);
      return true;
    }
    const tighter = issue.code === 'too_big' ? Number(issue.maximum) < Number((other as typeof issue).maximum) : Number(issue.minimum) > Number((other as typeof issue).minimum);
    if (tighter) Object.assign(other, issue);
    return false;
  });
}

function unknownKeyFindings(doc: ConfigDocument, path: Path, keys: string[]): Finding[] {
  const objectNode = doc.tree.at(path);
  const allowed = knownKeysAt(path);
  const where = path.length ? ` in ${describePath(path)}` : '';
  return keys.map((key) => {
    const member = doc.tree.child(objectNode, key);
    const keyRange = doc.tree.keyRange(member);
    const suggestion = didYouMean(key, allowed);
    return {
      severity: 'warning' as const,
      code: 'unknown-property',
      message: `Unknown property "${key}"${where}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      ...(keyRange ?? rangeForPath(doc, path)),
      fixes: [
        ...(suggestion && member !== NONE
          ? [{ title: `Rename to "${suggestion}"`, edits: [{ path: [...path, key], value: undefined }, { path: [...path, suggestion], value: valueAt(doc.value, [...path, key]) }], preferred: true }]
          : []),
        { title: `Remove "${key}"`, edits: [{ path: [...path, key], value: undefined }] },
      ],
    };
  });
}

/** The schema where `path` points, through optional wrappers and into the object member of a union (deployment). */
function schemaAt(path: Path): z.core.$ZodTypeDef | undefined {
  let schema: z.core.$ZodType | undefined = configSchema;
  for (const segment of [...path, undefined]) {
    let def: z.core.$ZodTypeDef | undefined = schema?._zod.def;
    while (def?.type === 'optional' || def?.type === 'union') {
      def = def.type === 'optional' ? (def as z.core.$ZodOptionalDef).innerType._zod.def : (def as z.core.$ZodUnionDef).options.find((o) => o._zod.def.type === 'object')?._zod.def;
    }
    if (segment === undefined) return def;
    schema = typeof segment === 'number' ? (def?.type === 'array' ? (def as z.core.$ZodArrayDef).element : undefined) : (def as z.core.$ZodObjectDef | undefined)?.shape?.[segment];
  }
  return undefined;
}

/** Property names the schema accepts where `path` points, for "did you mean". */
function knownKeysAt(path: Path): string[] {
  const def = schemaAt(path);
  return def?.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
}

/** What a field takes, in words, from its schema: zod says "number" for a whole-number field given a string. */
function expectedAt(path: Path, expected: string): string {
  const def = schemaAt(path) as (z.core.$ZodTypeDef & { format?: string }) | undefined;
  if (expected === 'int' || (def?.type === 'number' && def.format === 'safeint')) return 'a whole number';
  return ({ number: 'a number', string: 'a string', array: 'a list', object: 'an object', boolean: 'true or false' } as Record<string, string>)[expected] ?? expected;
}

/** A written value in words: `the string "2"`, `the number 2.5` (as written: 1e400 is not Infinity). */
function describeGot(doc: ConfigDocument, path: Path, value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(describeValue(value))}`;
  if (typeof value === 'number') return `the number ${writtenText(doc, path)}`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function describePath(path: Path): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

function messageFor(doc: ConfigDocument, path: Path, issue: z.core.$ZodIssue): string {
  const where = path.length ? `${describePath(path)}: ` : '';
  const present = doc.tree.at(path) !== NONE;
  if (issue.code === 'invalid_type' && !present) return `${where}missing required property "${path[path.length - 1]}".`;
  if (issue.code === 'invalid_type') return `${where}expected ${expectedAt(path, issue.expected)}, got ${describeGot(doc, path, valueAt(doc.value, path))}.`;
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return `${where}must not be empty.`;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const written = valueAt(doc.value, path);
    const suggestion = typeof written === 'string' ? didYouMean(written, issue.values.map(String)) : undefined;
    // Anything but a string as written in the file: JSON.parse reads 1e400 as Infinity.
    const shown = typeof written === 'string' ? JSON.stringify(describeValue(written)) : writtenText(doc, path);
    return `${where}${shown} is not one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
  }
  return `${where}${issue.message}`;
}

/** The text of the value at `path` as the file has it, cut short. */
function writtenText(doc: ConfigDocument, path: Path): string {
  const { offset, length } = rangeForPath(doc, path);
  const text = doc.text.slice(offset, offset + length);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fixesFor(doc: ConfigDocument, path: Path, issue: z.core.$ZodIssue) {
  if (issue.code !== 'invalid_value' || !('values' in issue)) return [];
  const written = valueAt(doc.value, path);
  const suggestion = typeof written === 'string' ? didYouMean(written, issue.values.map(String)) : undefined;
  return suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ path, value: suggestion }], preferred: true }] : [];
}
