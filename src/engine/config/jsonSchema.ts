/**
 * JSON Schema for `contributes.jsonValidation`, generated from the zod schema by the build.
 * Kept out of the runtime bundles: zod's JSON Schema generator is larger than the schema.
 */
import * as z from 'zod/mini';
import { configSchema } from './schema';

export function toJsonSchema(): object {
  return z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input' });
}
