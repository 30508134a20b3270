/**
 * The README's field reference for llm.config.json, generated from the JSON Schema that the
 * build derives from the zod schema, so the documentation cannot drift from the validator.
 */

interface JsonSchema {
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
  walk(schema, '', rows);
  return rows.join('\n') + '\n';
}

function walk(schema: JsonSchema, prefix: string, rows: string[]): void {
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (name === '$schema') continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const required = schema.required?.includes(name) ? 'yes' : '';
    rows.push(`| \`${path}\` | ${typeOf(prop)} | ${required} | ${escapeCell(prop.description ?? '')} |`);
    const object = objectPart(prop);
    if (object) walk(object, path + (prop.type === 'array' ? '[]' : ''), rows);
  }
}

/** The object schema to descend into: the property itself, its array items, or an object branch of a union. */
function objectPart(prop: JsonSchema): JsonSchema | undefined {
  if (prop.properties) return prop;
  if (prop.items?.properties) return prop.items;
  return prop.anyOf?.find((s) => s.properties);
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
  const base = s.pattern ? 'string ("240M")' : String(s.type ?? 'any');
  return bounds.length ? `${base} ${bounds.join(', ')}` : base;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
