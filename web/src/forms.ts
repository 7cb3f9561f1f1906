/** A form field's text (a file field gives ''), trimmed. */
export function fieldText(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === 'string' ? value.trim() : '';
}
