import { readFile } from 'node:fs/promises';
import { zBaseline } from '../eval/index.js';
import type { Baseline } from '../eval/index.js';
import { UsageError } from './usage.js';

/** `eval --baseline FILE`: the floors the scores must stay on, or one line saying what is wrong with the file. */
export async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new UsageError('baseline.noFile', { path })
      : new UsageError('baseline.unreadable', { path, code: String(code) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError('baseline.notJson', { path });
  }
  const parsed = zBaseline.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.') || 'the file'}: `;
    throw new UsageError('baseline.invalid', {
      path,
      problem: `${where}${issue?.message ?? 'invalid'}`,
    });
  }
  return parsed.data;
}
