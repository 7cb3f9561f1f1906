import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LexiconError, loadLexicon, nounForms, verbForms } from '../../src/lexicon/index.js';
import { shippedDataDir } from '../../src/lexicon/data-dir.js';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';

const tokensOf = (text: string) => tokenize(normalizeForMatching(text).text);

describe('nounForms', () => {
  it.each([
    ['غارة', ['غارة'], ['غارتان', 'غارتين']],
    ['صاروخ', ['صاروخ', 'صاروخا'], ['صاروخان', 'صاروخين']],
    [
      'قصف مدفعي',
      ['قصف مدفعي', 'قصفا مدفعيا'],
      ['قصفان مدفعيان', 'قصفين مدفعيين', 'قصفي مدفعي', 'قصفا مدفعي'],
    ],
    [
      'عبوة ناسفة',
      ['عبوة ناسفة'],
      ['عبوتان ناسفتان', 'عبوتين ناسفتين', 'عبوتي ناسفة', 'عبوتا ناسفة'],
    ],
    [
      'برميل متفجر',
      ['برميل متفجر', 'برميلا متفجرا'],
      ['برميلان متفجران', 'برميلين متفجرين', 'برميلي متفجر', 'برميلا متفجر'],
    ],
  ])('gives «%s» its accusative and dual forms', (noun, singular, dual) => {
    expect(nounForms(noun)).toEqual({ singular, dual });
  });
});

describe('verbForms', () => {
  it.each([
    ['قصف', ['قصفت', 'قصفوا', 'قصفا', 'يقصف', 'تقصف', 'يقصفون', 'يقصفوا']],
    ['اختطف', ['اختطفوا', 'يختطف', 'يختطفون', 'يختطفوا']],
    ['استهدف', ['استهدفت', 'استهدفوا', 'يستهدف', 'تستهدف']],
    ['أعدم', ['أعدمت', 'أعدموا', 'يعدم', 'تعدم']],
    ['انفجر', ['انفجرت', 'انفجرا', 'ينفجر', 'تنفجر']],
    ['تصدى', ['تصدت', 'تصدوا', 'تصديا', 'يتصدي']],
    ['ألقى', ['ألقت', 'ألقوا', 'يلقي', 'تلقي', 'يلقوا']],
  ])('conjugates «%s» in the third person', (past, some) => {
    expect(verbForms(past)).toEqual(expect.arrayContaining([past, ...some]));
  });
});

describe('trigger dictionary', () => {
  const lexicon = loadLexicon();
  const subTypeOf = (text: string): string[] => {
    const match = lexicon.index.longestAt(tokensOf(text), 0);
    return (match?.values ?? []).flatMap((v) => (v.kind === 'trigger' ? [v.subEventType] : []));
  };

  it.each([
    ['غارتين', 'Air/drone strike'],
    ['برميلين متفجرين', 'Air/drone strike'],
    ['قذيفتي هاون', 'Shelling/artillery/missile attack'],
    ['صاروخين', 'Shelling/artillery/missile attack'],
    ['عبوتين ناسفتين', 'Remote explosive/landmine/IED'],
    ['تقصف', 'Shelling/artillery/missile attack'],
    ['يعتقلون', 'Arrests'],
    ['أغارت', 'Air/drone strike'],
  ])('reads the generated form «%s»', (text, sub) => {
    expect(subTypeOf(text)).toContain(sub);
  });

  function withTriggers(edit: (file: { triggers: Record<string, unknown>[] }) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'wathiq-lexicon-'));
    cpSync(join(shippedDataDir(), 'lexicon'), dir, { recursive: true });
    const file = JSON.parse(String(readFileSync(join(dir, 'triggers.json')))) as {
      triggers: Record<string, unknown>[];
    };
    edit(file);
    writeFileSync(join(dir, 'triggers.json'), JSON.stringify(file));
    return dir;
  }

  it('refuses a conjugated verb, naming it', () => {
    const dir = withTriggers((f) => {
      f.triggers[0] = { ...f.triggers[0], verbs: ['قصفوا'] };
    });
    expect(() => loadLexicon(dir)).toThrow(LexiconError);
    expect(() => loadLexicon(dir)).toThrow(/verb «قصفوا» is conjugated/);
  });

  it('refuses a sub-event type that is not of its event type in ACLED', () => {
    const dir = withTriggers((f) => {
      f.triggers[0] = {
        ...f.triggers[0],
        event_type: 'Battles',
        sub_event_type: 'Air/drone strike',
      };
    });
    expect(() => loadLexicon(dir)).toThrow(/does not belong to event_type/);
  });

  it('refuses a sub-event type ACLED does not have', () => {
    const dir = withTriggers((f) => {
      f.triggers[0] = { ...f.triggers[0], sub_event_type: 'Airstrike' };
    });
    expect(() => loadLexicon(dir)).toThrow(/triggers\.0\.sub_event_type/);
  });
});
