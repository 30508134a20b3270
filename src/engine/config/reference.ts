/**
 * The README's field reference for llm.config.json, generated from the JSON Schema that the
 * build derives from the zod schema, so the documentation cannot drift from the validator.
 */
import { walkProperties, type JsonSchemaNode } from './jsonSchema';
import { MONTH_PATTERN } from '../catalog/data/billingOptions';

interface JsonSchema extends JsonSchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

export function configReference(schema: JsonSchema): string {
  const rows: string[] = ['| Field | Type | Required | Description |', '| --- | --- | --- | --- |'];
  walkProperties(schema, (path, prop, parent, name) => {
    if (name === '$schema') return;
    const required = (parent.required as string[] | undefined)?.includes(name) ? 'yes' : '';
    rows.push(`| \`${path}\` | ${typeOf(prop as JsonSchema)} | ${required} | ${escapeCell(prop.description ?? '')} |`);
  });
  return rows.join('\n') + '\n';
}

function typeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if (s.type === 'array') return `array of ${s.items ? typeOf(s.items) : 'any'}`;
  const bounds = [
    s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : '',
    s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? `≤ ${s.maximum}` : '',
  ].filter(Boolean);
  // A pattern's example, not the pattern: the reference is read by people.
  const base = s.pattern ? `string (${s.pattern === MONTH_PATTERN.source ? '"2027-01"' : '"240M"'})` : String(s.type ?? 'any');
  return bounds.length ? `${base} ${bounds.join(', ')}` : base;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
