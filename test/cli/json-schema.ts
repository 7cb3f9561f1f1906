/**
 * Checks a value against the JSON Schema keywords that wathiq's generated
 * schema uses (no validator is a dependency): the test reads what `extract`
 * printed through the shipped file, as a script author's validator would.
 * Returns the paths where the value breaks the schema; none when it holds.
 */
export function schemaErrors(schema: unknown, value: unknown, path = '$'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path}: ${why}`);
  if (Array.isArray(s.anyOf)) {
    if (!s.anyOf.some((option) => schemaErrors(option, value, path).length === 0))
      fail('matches no anyOf option');
  }
  if ('const' in s && s.const !== value) fail(`expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) fail('not in enum');
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => hasType(t, value))) fail(`expected ${types.join('|')}`);
  }
  if (
    typeof value === 'string' &&
    typeof s.pattern === 'string' &&
    !new RegExp(s.pattern, 'u').test(value)
  )
    fail(`does not match ${s.pattern}`);
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail('below minimum');
    if (typeof s.maximum === 'number' && value > s.maximum) fail('above maximum');
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail('too few items');
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) fail('too many items');
    const prefix: unknown[] = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    (value as unknown[]).forEach((item, k) => {
      const itemSchema = k < prefix.length ? prefix[k] : s.items;
      errors.push(...schemaErrors(itemSchema, item, `${path}[${String(k)}]`));
    });
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    for (const key of (s.required ?? []) as string[])
      if (!(key in value)) fail(`lacks required ${key}`);
    for (const [key, v] of Object.entries(value)) {
      if (key in properties) errors.push(...schemaErrors(properties[key], v, `${path}.${key}`));
      else if (s.additionalProperties === false) fail(`has unexpected ${key}`);
      else if (typeof s.additionalProperties === 'object')
        errors.push(...schemaErrors(s.additionalProperties, v, `${path}.${key}`));
      if (s.propertyNames !== undefined)
        errors.push(...schemaErrors(s.propertyNames, key, `${path}.${key} (name)`));
    }
  }
  return errors;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}
