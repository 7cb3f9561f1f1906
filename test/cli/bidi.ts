import { stripVTControlCharacters } from 'node:util';
import { expect } from 'vitest';

/** A line with its isolated runs taken out: what is left must be in the line's own script. */
export function outsideIsolates(line: string): string {
  return line.replace(/\u2068[^\u2069]*\u2069/g, '');
}

/** The lines of a command's output that hold something, escape codes taken out. */
export function lines(text: string): string[] {
  return stripVTControlCharacters(text)
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/** Every line in its own script outside its isolates, the program's name that starts a line aside. */
export function inOneScript(lang: 'ar' | 'en', text: string): void {
  for (const line of lines(text)) {
    const rest = outsideIsolates(line).replace(/^wathiq: /, '');
    if (lang === 'ar') expect(rest, line).not.toMatch(/[a-z]/i);
    else expect(rest, line).not.toMatch(/\p{Script=Arabic}/u);
  }
}
