import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseLang, KEYS, translator } from '../../src/cli/i18n.js';
import { problem } from '../../src/cli/problems.js';
import { inOneScript, outsideIsolates } from './bidi.js';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, file, dir } = captureConsole();
onEmbeddedStore();
afterAll(() => {
  chooseLang([]);
});

const data = join(dir, 'store');
const REPORT =
  'قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل جنوبي إدلب أمس الثلاثاء، بحسب المرصد السوري لحقوق الإنسان.';

/** What a command said, on both its outputs, escape codes taken out. */
function said(): string {
  return stripVTControlCharacters([...out, ...err].join(''));
}

function clear(): void {
  out.length = 0;
  err.length = 0;
}

/** Runs the command in Arabic, then in English, and gives what each said. */
async function both(status: number, ...args: string[]): Promise<{ ar: string; en: string }> {
  clear();
  expect(await run(...args, '--lang', 'ar'), 'ar').toBe(status);
  const ar = said();
  inOneScript('ar', ar);
  clear();
  expect(await run('--lang', 'en', ...args), 'en').toBe(status);
  const en = said();
  inOneScript('en', en);
  return { ar, en };
}

describe('what a lower stage says about an input', () => {
  it('is known by shape: the same words in English, Arabic ones with the Latin isolated', () => {
    const en = translator('en');
    for (const key of KEYS.filter((k) => k.startsWith('problem.'))) {
      // Each `{name}` filled with a value of its own, Latin as a file name or a code is.
      let n = 0;
      const message = en(key).replace(/\{\w+\}/g, () => `v${String(++n)}x`);
      chooseLang(['--lang', 'en']);
      expect(problem(message), key).toBe(message);
      chooseLang(['--lang', 'ar']);
      const arabic = problem(message);
      expect(arabic, key).toMatch(/\p{Script=Arabic}/u);
      expect(outsideIsolates(arabic), key).not.toMatch(/[a-z]/i);
    }
    // A reason that is itself a message is put in words too; one of no known shape is isolated.
    chooseLang(['--lang', 'ar']);
    expect(problem('its queued job failed 3 times (last: empty file)')).toBe(
      'فشلت مهمته في الطابور 3 مرات (آخرها: ملف فارغ)',
    );
    expect(problem('ECONNRESET somewhere')).toBe('\u2068ECONNRESET somewhere\u2069');
    chooseLang([]);
  });

  it('ingest: why each file could not be read, and the tally, in both languages', async () => {
    const inputs = [
      file('empty.txt', ''),
      file('binary.txt', Buffer.from([0, 1, 2, 0, 0, 255, 0, 7])),
      file('english.txt', 'A report written in English, with no Arabic words in it at all.'),
      file('short.txt', 'قتل شخص في دوما'),
      file('impossible.txt', `---\npublished: 2019-02-30\n---\n${REPORT}`),
      join(dir, 'not-there.txt'),
    ];
    const { ar, en } = await both(1, 'ingest', '--data', data, '--no-progress', ...inputs);
    expect(ar).toMatch(/empty\.txt.*: ملف فارغ/);
    expect(ar).toMatch(/binary\.txt.*: ملف ثنائي، لا نص ولا /);
    expect(ar).toMatch(/english\.txt.*: ليس تقريراً عربياً \(0 حرف عربي من \d+\)/);
    expect(ar).toMatch(/short\.txt.*: أقصر من أن يُقرأ تقريراً \(\d+ حرف عربي؛ 20 على الأقل\)/);
    expect(ar).toMatch(/impossible\.txt.*: تاريخ النشر 2019-02-30 ليس يوماً في التقويم/);
    expect(ar).toMatch(/not-there\.txt.*: لا ملف ولا مجلد بهذا الاسم/);
    expect(ar).toMatch(/6 تقرير في .*: أضيف 0، 0 موجود أصلاً، فشل 6 \(يسردها /);
    expect(en).toMatch(/empty\.txt: empty file/);
    expect(en).toMatch(/english\.txt: not an Arabic report \(0 Arabic letters of \d+\)/);
    expect(en).toMatch(/impossible\.txt: published 2019-02-30 is not a day of the calendar/);
    expect(en).toMatch(/not-there\.txt: no such file or folder/);
    expect(en).toMatch(/6 reports in .*: 0 added, 0 already have, 6 failed \(wathiq ingest/);
    // The failures table keeps the English reasons; `--failed` lists them in the run's language.
    const listed = await both(0, 'ingest', '--failed', '--data', data);
    expect(listed.ar).toMatch(/empty\.txt.*\tملف فارغ\t/);
    expect(listed.ar).toMatch(/فشل 6 مدخل/);
    expect(listed.en).toMatch(/empty\.txt\tempty file\t/);
  });

  it('extract: a file it cannot read, in both languages', async () => {
    const { ar, en } = await both(1, 'extract', file('blank.txt', '  \n\t\n'));
    expect(ar).toMatch(/blank\.txt.*: لا نص \(فراغات فقط\)/);
    expect(en).toMatch(/blank\.txt: no text \(only white space\)/);
  });

  it('gazetteer add and import: why a place or a file is refused', async () => {
    const latin = await both(
      1,
      'gazetteer',
      'add',
      'Clock roundabout',
      '--lat',
      '35.95',
      '--lon',
      '39.01',
      '--parent',
      'C5710',
      '--data',
      data,
    );
    expect(latin.ar).toMatch(/«\u2068Clock roundabout\u2069» ليس مكتوباً بحروف عربية: /);
    expect(latin.en).toMatch(/«Clock roundabout» is not written in Arabic letters: /);
    // A point in Aleppo given a parent in Raqqa, then one with its coordinates swapped.
    const aleppo = await both(
      1,
      'gazetteer',
      'add',
      'حاجز التلة',
      '--lat',
      '36.2',
      '--lon',
      '37.16',
      '--parent',
      'C5710',
      '--data',
      data,
    );
    expect(aleppo.ar).toMatch(
      /النقطة 36\.2000,37\.1600 في محافظة \u2068Aleppo\u2069، لا في \u2068Raqqa\u2069 حيث المكان الأم \u2068C5710\u2069 \S+؛ تحقق من /,
    );
    expect(aleppo.en).toMatch(
      /36\.2000,37\.1600 lies in Aleppo governorate, not in Raqqa where the parent C5710 \u2068\S+\u2069 is; check /,
    );
    const swapped = await both(
      1,
      'gazetteer',
      'add',
      'حاجز التلة',
      '--lat',
      '39.01',
      '--lon',
      '35.95',
      '--parent',
      'C5710',
      '--data',
      data,
    );
    expect(swapped.ar).toMatch(/خارج محافظات سوريا، .*\(هل تبادل خط العرض وخط الطول مكانيهما؟\)/);
    const table = file('places.csv', 'name,where\nفلان,هناك\n');
    const imported = await both(1, 'gazetteer', 'import', table, '--data', data);
    expect(imported.ar).toMatch(/places\.csv.*: ليس ملف .*GeoNames.* ولا جدول أماكن/);
    expect(imported.en).toMatch(/places\.csv: not a GeoNames dump nor a places table/);
    const missing = await both(1, 'gazetteer', 'import', join(dir, 'none.tsv'), '--data', data);
    expect(missing.ar).toMatch(/none\.tsv.*: لا ملف بهذا الاسم/);
    expect(missing.en).toMatch(/none\.tsv: no such file$/m);
  });

  it('eval: the report of a folder without gold files, and of one with a document', async () => {
    const empty = join(dir, 'no-gold');
    mkdirSync(empty);
    const none = await both(1, 'eval', empty);
    expect(none.ar).toMatch(
      /فشل: .*no-gold.*: لا ملفات تقييم .*NAME\.gold\.json.* هنا: لا شيء يُقاس/,
    );
    expect(none.ar).toMatch(/^الوثائق: 0\nالنتيجة: لا شيء \(لم تُقس أي وثيقة\)$/m);
    expect(none.en).toMatch(/^documents: 0\nscore: none \(no document scored\)$/m);
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'k.txt'), REPORT);
    writeFileSync(
      join(corpus, 'k.gold.json'),
      JSON.stringify({
        doc: 'k',
        file: 'k.txt',
        outlet: null,
        published: '2024-03-13',
        incidents: [
          {
            key: 'shelling',
            background: false,
            date: '2024-03-12',
            event_type: ['Explosions/Remote violence'],
            sub_event_type: ['Shelling/artillery/missile attack'],
            place: { name: 'كفرنبل', lat: 35.61, lon: 36.56, admin1: 'Idleb', precision: 1 },
            actor1: ['SYR-GOV'],
            actor2: ['CIV'],
            figures: [{ claimant: 'SOHR', measure: 'killed', victim: 'CIV', count: 3 }],
          },
        ],
        tallies: 0,
      }),
    );
    const scored = await both(0, 'eval', corpus);
    expect(scored.ar).toMatch(/^الوثائق: 1$/m);
    expect(scored.ar).toMatch(/^الحوادث: الدقة 1\.000 الاستدعاء 1\.000 .*F1.* 1\.000 \(صحيح 1،/m);
    expect(scored.ar).toMatch(/^المستهدف: 1\.000 \(1\/1\)$/m);
    expect(scored.ar).toMatch(/^النتيجة: \d\.\d{3}$/m);
    expect(scored.en).toMatch(/^incidents: P 1\.000 R 1\.000 F1 1\.000 \(tp 1, fp 0, fn 0\)$/m);
    expect(scored.en).toMatch(/^actor2: 1\.000 \(1\/1\)$/m);
    expect(scored.en).toMatch(/^score: \d\.\d{3}$/m);
  });

  it('user, token and worker: what they say, in both languages', async () => {
    const list = await both(0, 'user', 'list', '--data', data);
    expect(list.ar).toMatch(/لا مستخدمين بعد: .*wathiq user add NAME --role admin/);
    expect(list.en).toMatch(/no users yet: wathiq user add NAME --role admin/);
    const role = await both(1, 'user', 'role', 'nadia', 'editor', '--data', data);
    expect(role.ar).toMatch(/لا مستخدم \u2068nadia\u2069/);
    expect(role.en).toMatch(/no user nadia/);
    const revoke = await both(1, 'token', 'revoke', 'tok-none', '--data', data);
    expect(revoke.ar).toMatch(/لا مفتاح \u2068tok-none\u2069/);
    const event = await both(1, 'review', 'set', 'ev:none', 'verified', '--data', data);
    expect(event.ar).toMatch(/لا حدث \u2068ev:none\u2069/);
    expect(event.en).toMatch(/no event ev:none/);
    const self = await both(1, 'review', 'join', 'sha256:x#i1', 'sha256:x#i1', '--data', data);
    expect(self.ar).toMatch(/الحادثة هي دائماً الفعل نفسه مع نفسها: سمِّ حادثتين/);
    const worker = await both(2, 'worker', '--data', data);
    expect(worker.ar).toMatch(/العامل يحتاج قاعدة بيانات على خادم: /);
    expect(worker.en).toMatch(/a worker needs a server database: --db URL or DATABASE_URL/);
  });

  it('user add and password: a password too short, and the account added', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');
    const withInput = (input: string, ...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const env = { ...process.env };
        delete env.DATABASE_URL;
        const p = spawn(process.execPath, [bin, ...args, '--data', data], { env });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        p.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        p.on('close', (status) => {
          resolve({ status, stdout, stderr });
        });
        p.stdin.end(input);
      });
    // The same account asked for each time, with the password on standard input.
    const addHuda = (password: string, lang: string) =>
      withInput(
        `${password}\n`,
        'user',
        'add',
        'huda',
        '--role',
        'admin',
        '--password-stdin',
        '--lang',
        lang,
      );
    const short = await addHuda('short', 'ar');
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/كلمة المرور \d+ محارف على الأقل/);
    inOneScript('ar', short.stderr);
    const added = await addHuda('a password long enough', 'ar');
    expect(added.status).toBe(0);
    expect(added.stdout).toBe('أضيف \u2068huda\u2069 (\u2068admin\u2069)\n');
    const again = await addHuda('a password long enough', 'en');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/there is a user huda already/);
  });
});
