import { z } from 'zod';
import { zDocumentResult } from './result.js';
import { OUTPUT_SCHEMA_VERSION } from './values.js';

/** Where the JSON Schema of that output lives, versioned like the output itself. */
export const OUTPUT_SCHEMA_ID = `urn:wathiq:schema:document-result:v${String(OUTPUT_SCHEMA_VERSION)}`;

/** One report's result as `extract` prints it: the document result and the version of its shape. */
export const zDocumentOutput = zDocumentResult.extend({
  schema_version: z.literal(OUTPUT_SCHEMA_VERSION),
});
export type DocumentOutput = z.infer<typeof zDocumentOutput>;

/**
 * The JSON Schema of one printed result (an element of `--json`'s array, a line
 * of `--ndjson`), generated from the zod contract so the two cannot drift. It
 * lets objects carry fields it does not name (zod's reading of input, which
 * passes them by): the contract lets a version add fields, and a consumer
 * checking against this file must still accept what a later wathiq of the same
 * version prints.
 */
export function documentOutputJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(zDocumentOutput, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema: generated.$schema,
    $id: OUTPUT_SCHEMA_ID,
    title: 'wathiq document result',
    description: `One report's incidents, claims and tallies as \`wathiq extract --json\` (an array of these) and \`--ndjson\` (one per line) print them; schema_version ${String(OUTPUT_SCHEMA_VERSION)}.`,
    ...generated,
  };
}
