import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { untranslated } from '../../src/cli/help.js';
import { program } from '../../src/cli/main.js';
import { inOneScript } from './bidi.js';
import { captureConsole } from './console.js';

const { out, run } = captureConsole();

/** Every command's words on the command line: `[]`, `['export']`, `['gazetteer', 'add']`… */
function paths(command: Command, prefix: string[] = []): string[][] {
  return [prefix, ...command.commands.flatMap((c) => paths(c, [...prefix, c.name()]))];
}

const cli = program(() => undefined);

describe('--help', () => {
  it('has Arabic words for every description of every command', () => {
    expect(untranslated(cli)).toEqual([]);
  });

  it.each(paths(cli).map((p) => [p.join(' ') || 'wathiq', p]))(
    '%s --help in Arabic and in English',
    async (_name, path) => {
      out.length = 0;
      expect(await run(...path, '--help', '--lang', 'ar')).toBe(0);
      const arabic = stripVTControlCharacters(out.join(''));
      expect(arabic).toMatch(/^الاستعمال: \u2068wathiq/);
      expect(arabic).toMatch(/^الخيارات:$/m);
      expect(arabic).toMatch(/\u2068-h, --help\u2069 +اعرض المساعدة للأمر/);
      inOneScript('ar', arabic);
      out.length = 0;
      expect(await run('--lang', 'en', ...path, '--help')).toBe(0);
      const english = stripVTControlCharacters(out.join(''));
      expect(english).toMatch(/^Usage: wathiq/);
      expect(english).toMatch(/-h, --help +display help for command/);
      inOneScript('en', english);
    },
  );

  it('tells the exit statuses and the commands, in Arabic', async () => {
    out.length = 0;
    expect(await run('--help', '--lang', 'ar')).toBe(0);
    const text = stripVTControlCharacters(out.join(''));
    expect(text).toMatch(/^الأوامر:$/m);
    expect(text).toMatch(/\u2068ingest \[options\] \[path\.\.\.\]\u2069 +خزّن التقارير/);
    expect(text).toMatch(/حالة الخروج: 0 تم كل شيء؛ 1 فشلت بعض المدخلات؛ 2 خطأ في الاستعمال؛ 3 /);
    out.length = 0;
    expect(await run('start', '--help', '--lang', 'ar')).toBe(0);
    expect(stripVTControlCharacters(out.join(''))).toMatch(
      /المنفذ الذي يُستمع عليه \(المبدئي: 8080\)/,
    );
  });
});
