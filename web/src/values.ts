/** A value from the audit log as a reader sees it: text bare, fields as «name: value», none as a dash. */
export function showValue(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => showValue(v, none)).join('، ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}: ${showValue(v, none)}`)
    .join(' · ');
}
