/** Schema issues → findings on the exact node that is wrong. */
import type * as z from 'zod/mini';
import type { Finding } from '../analysis';
import { didYouMean } from '../catalog';
import { configSchema } from './schema';
import { describeValue, NONE, rangeForPath, valueAt, type ConfigDocument } from './document';

type Path = (string | number)[];

export function schemaFindings(doc: ConfigDocument, result: { success: true } | { success: false; error: { issues: z.core.$ZodIssue[] } }): Finding[] {
  if (result.success) return [];
  const findings: Finding[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      findings.push(...unknownKeyFindings(doc, path, issue.keys));
      continue;
    }
    findings.push({ severity: 'error', code: 'schema', message: messageFor(doc, path, issue), ...rangeForPath(doc, path), fixes: fixesFor(doc, path, issue) });
  }
  return findings;
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

/** Property names the schema accepts where `path` points, for "did you mean". */
function knownKeysAt(path: Path): string[] {
  let schema: z.core.$ZodType | undefined = configSchema;
  for (const segment of [...path, undefined]) {
    // Through optional wrappers, and into the object member of a union (deployment).
    let def: z.core.$ZodTypeDef | undefined = schema?._zod.def;
    while (def?.type === 'optional' || def?.type === 'union') {
      def = def.type === 'optional' ? (def as z.core.$ZodOptionalDef).innerType._zod.def : (def as z.core.$ZodUnionDef).options.find((o) => o._zod.def.type === 'object')?._zod.def;
    }
    if (segment === undefined) return def?.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
    schema = typeof segment === 'number' ? (def?.type === 'array' ? (def as z.core.$ZodArrayDef).element : undefined) : (def as z.core.$ZodObjectDef | undefined)?.shape?.[segment];
  }
  return [];
}

function describePath(path: Path): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

function messageFor(doc: ConfigDocument, path: Path, issue: z.core.$ZodIssue): string {
  const where = path.length ? `${describePath(path)}: ` : '';
  const present = doc.tree.at(path) !== NONE;
  if (issue.code === 'invalid_type' && !present) return `${where}missing required property "${path[path.length - 1]}".`;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const written = valueAt(doc.value, path);
    const suggestion = typeof written === 'string' ? didYouMean(written, issue.values.map(String)) : undefined;
    return `${where}${JSON.stringify(describeValue(written))} is not one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
  }
  return `${where}${issue.message}`;
}

function fixesFor(doc: ConfigDocument, path: Path, issue: z.core.$ZodIssue) {
  if (issue.code !== 'invalid_value' || !('values' in issue)) return [];
  const written = valueAt(doc.value, path);
  const suggestion = typeof written === 'string' ? didYouMean(written, issue.values.map(String)) : undefined;
  return suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ path, value: suggestion }], preferred: true }] : [];
}
