import { describe, expect, it } from 'vitest';
import {
  BETWEEN_KM,
  distanceKm,
  findPlaceMentions,
  loadGazetteer,
  locateMentions,
} from '../../src/gazetteer/index.js';
import { normalizeForMatching, splitSentences, tokenize } from '../../src/text/index.js';

const gazetteer = loadGazetteer();

const tokensOf = (phrase: string) => tokenize(normalizeForMatching(phrase).text);
const mentionsOf = (phrase: string) => findPlaceMentions(gazetteer, tokensOf(phrase));

/** The ids of the places each mention of the phrase can be. */
const candidatesOf = (phrase: string): string[][] =>
  mentionsOf(phrase).map((m) => m.candidates.map((p) => p.id));

describe('a place name read after its proclitics', () => {
  it('is the name spelled with the article when the article is there under the clitics', () => {
    const raqqa = candidatesOf('قصفت الطائرات مدينة الرقة').flat();
    expect(raqqa.length).toBeGreaterThan(0);
    // «بالرقة», «للرقة», «وللرقة», «فبالرقة», «والرقة»: ب/ل/و/ف over «الرقة».
    for (const word of ['بالرقة', 'للرقة', 'وللرقة', 'فبالرقة', 'والرقة', 'وبالرقة']) {
      expect(candidatesOf(`وقعت اشتباكات في مدينة ${word} اليوم`), word).toEqual([raqqa]);
    }
  });

  it('is no name spelled with the article when a letter of the word was taken for a clitic', () => {
    // «ورقة», «فرقة», «برقة»: «رقة» read only by dropping a letter, not «الرقة».
    for (const word of ['ورقة', 'فرقة', 'برقة', 'لرقة']) {
      const ids = candidatesOf(`وقعت اشتباكات في مدينة ${word} اليوم`).flat();
      expect(ids, word).not.toContain('C5710');
      expect(ids, word).not.toContain('SY11');
    }
  });
});

describe('the places a name can be', () => {
  it('are each listed once, in the order the gazetteer gives its spellings', () => {
    for (const phrase of [
      'قصفت الطائرات مدينة الرقة',
      'سقطت قذيفة في حمص',
      'داهمت دورية قرية الطيبة في ريف درعا',
      'اندلعت اشتباكات في ريف حلب الشمالي',
    ]) {
      const tokens = tokensOf(phrase);
      for (const m of findPlaceMentions(gazetteer, tokens)) {
        const ids = m.candidates.map((p) => p.id);
        expect(new Set(ids).size, phrase).toBe(ids.length);
        // Asked afresh of the name index, the name's places in their first order.
        const name = gazetteer.names.longestAt(tokens, m.nameStart, m.nameEnd);
        const listed = [...new Set((name?.values ?? []).map((n) => n.place.id))];
        expect(
          listed.filter((id) => ids.includes(id)),
          phrase,
        ).toEqual(ids);
      }
    }
  });

  it('leave a name of one place no other reading, and a name of several the others', () => {
    const locate = (text: string) => {
      const tokens = tokensOf(text);
      return locateMentions(gazetteer, tokens, splitSentences(tokens));
    };
    const single = locate('سقطت قذيفة على مدينة حمص').filter((l) => l.resolved !== null);
    expect(single.length).toBeGreaterThan(0);
    for (const l of single)
      if (l.mention.candidates.length === 1) expect(l.resolved?.alternatives).toEqual([]);
    const shared = locate('داهمت دورية قرية الطيبة').find(
      (l) => l.resolved !== null && l.mention.candidates.length > 1,
    );
    expect(shared).toBeDefined();
    const chosen = shared?.resolved?.place.id;
    const others = shared?.resolved?.alternatives.map((p) => p.id) ?? [];
    expect(others.length).toBeGreaterThan(0);
    expect(others).not.toContain(chosen);
    for (const id of others) expect(shared?.mention.candidates.map((p) => p.id)).toContain(id);
  });
});

describe('two towns an act was between', () => {
  it('keep, of their namesakes, those near a namesake of the other, each in its order', () => {
    for (const [first, second] of [
      ['الظاهرية', 'الصالحية'],
      ['الظاهرية', 'الغسانية'],
      ['الصالحية', 'الظاهرية'],
    ] as const) {
      const alone = (name: string) => mentionsOf(`قصفت الطائرات قرية ${name}`)[0]?.candidates ?? [];
      const [a, b] = [alone(first), alone(second)];
      const near = (mine: typeof a, theirs: typeof a) =>
        mine.filter((p) => theirs.some((q) => q.id !== p.id && distanceKm(p, q) <= BETWEEN_KM));
      // Some namesakes of each are near one another, not all: the pair settles which are meant.
      expect(near(a, b).length, first).toBeGreaterThan(0);
      expect(near(a, b).length, first).toBeLessThan(a.length);
      const between = mentionsOf(`اندلعت اشتباكات بين بلدتي ${first} و${second}`);
      expect(between.map((m) => m.candidates)).toEqual([near(a, b), near(b, a)]);
      expect(between.map((m) => [m.between, m.weak])).toEqual([
        [true, false],
        [true, false],
      ]);
    }
  });
});

describe('the settlement word a place is named with', () => {
  it('is kept by each name of a phrase read whole, and by none joined to a first that is no place', () => {
    // «مدينتي حمص وحماة»: both towns are named with the settlement word.
    const both = mentionsOf('وصلت التعزيزات إلى مدينتي حمص وحماة صباحا');
    expect(both.length).toBe(2);
    for (const m of both) expect(m.kindWord).toBeDefined();
    // «مدينة فرقة»: «رقة» read by taking a letter for a clitic is no «الرقة», so no place;
    // «وحلب» after it is one, bare.
    const joined = mentionsOf('وصلت التعزيزات إلى مدينة فرقة وحلب صباحا');
    expect(joined.length).toBe(1);
    expect(joined[0]?.candidates.length).toBeGreaterThan(0);
    expect(joined[0]?.kindWord).toBeUndefined();
  });
});

describe('the places a text names, located', () => {
  it('come in text order, names of one place and shared names alike', () => {
    const tokens = tokensOf(
      'قصفت الطائرات قرية الطيبة ومخيم اليرموك. وسقطت قذائف في مدينة منبج وفي قرية الطيبة قرب مخيم اليرموك.',
    );
    const located = locateMentions(gazetteer, tokens, splitSentences(tokens));
    // Names of one place are resolved first, the others after: the list is put back in order.
    expect(located.filter((l) => l.mention.candidates.length === 1)).toHaveLength(2);
    expect(located.filter((l) => l.mention.candidates.length > 1).length).toBeGreaterThanOrEqual(3);
    const starts = located.map((l) => l.mention.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(located.map((l) => l.mention)).size).toBe(located.length);
    expect(located.map((l) => l.sentence)).toEqual([0, 0, 1, 1, 1]);
  });

  it('leave each mention left out unresolved in its place, of one place or of several', () => {
    const tokens = tokensOf(
      'قصفت الطائرات قرية الطيبة ومخيم اليرموك. وسقطت قذائف في مدينة منبج وفي قرية الطيبة قرب مخيم اليرموك.',
    );
    const all = locateMentions(gazetteer, tokens, splitSentences(tokens));
    const resolved = all.filter((l) => l.resolved !== null);
    // Names of one place and of several resolved, each then left out in turn.
    expect(new Set(resolved.map((l) => l.mention.candidates.length === 1))).toEqual(
      new Set([true, false]),
    );
    for (const left of resolved) {
      const located = locateMentions(
        gazetteer,
        tokens,
        splitSentences(tokens),
        (m) => m.start === left.mention.start,
      );
      expect(located.map((l) => l.mention.start)).toEqual(all.map((l) => l.mention.start));
      expect(located.find((l) => l.mention.start === left.mention.start)?.resolved).toBeNull();
    }
  });
});

describe('a village named bare', () => {
  /** The words of each mention of the phrase, and why it is set aside, if it is. */
  const read = (phrase: string): string[] => {
    const tokens = tokensOf(phrase);
    return findPlaceMentions(gazetteer, tokens).map((m) => {
      const words = tokens.slice(m.start, m.end).map((t) => t.text);
      return [...words, ...(m.aside === undefined ? [] : [m.aside])].join(' ');
    });
  };

  it('is no place where no locative word locates it, and is one after one', () => {
    // «مجدليا»: a village of Idlib, of no rank to count bare.
    expect(read('تحدث أهالي مجدليا عن القصف')).toEqual([]);
    expect(read('قصفت الطائرات مجدليا')).toEqual([]);
    expect(read('سقطت قذائف في مجدليا مساء أمس')).toEqual(['مجدليا']);
    expect(read('قصفت الطائرات قرية مجدليا')).toEqual(['قريه مجدليا']);
  });

  it('is no place bare where it opens longer names too, unless one goes on after it', () => {
    // «قسطل»: a village of no rank to count bare, and the first word of «قسطل معاف».
    expect(read('سقطت قذائف في قسطل معاف مساء أمس')).toEqual(['قسطل معاف']);
    expect(read('قسطل معاف شهدت قصفا عنيفا')).toEqual(['قسطل معاف']);
    expect(read('تحدث أهالي قسطل عن القصف')).toEqual([]);
    expect(read('قصفت الطائرات قسطل')).toEqual([]);
    expect(read('سقطت قذائف في قسطل مساء أمس')).toEqual(['قسطل']);
    expect(read('تضررت منازل قسطل ونحليا')).toEqual(['ونحليا']);
    expect(read('وصلت تعزيزات قسطل - نحليا')).toEqual(['نحليا']);
  });

  it('lets the names joined after it by «و» or a dash be read as a list', () => {
    expect(read('تضررت منازل مجدليا ونحليا')).toEqual(['ونحليا']);
    expect(read('وصلت تعزيزات مجدليا - نحليا')).toEqual(['نحليا']);
    // A comma joins no name to it.
    expect(read('تضررت منازل مجدليا، ونحليا')).toEqual([]);
  });

  it('is set aside by the words before it as far as the rules read, never past a mark', () => {
    expect(read('قال مراسلنا الميداني في مجدليا')).toEqual(['مجدليا correspondent']);
    expect(read('قال مراسلنا ( الميداني ) في مجدليا')).toEqual(['مجدليا']);
    expect(read('أثناء ذهابه للمشاركة في عزاء في بلدة مجدليا')).toEqual(['بلده مجدليا journey']);
    expect(read('أثناء ذهابه، للمشاركة في عزاء في مجدليا')).toEqual(['مجدليا']);
    expect(read('أصيب عنصر من تنسيقية بلدة مجدليا')).toEqual(['بلده مجدليا organisation']);
    expect(read('نقل الجرحى إلى مشفى مجدليا')).toEqual(['مشفي مجدليا destination']);
  });
});

describe('villages named bare, of other governorates', () => {
  const words = (phrase: string): string[] => {
    const tokens = tokensOf(phrase);
    return findPlaceMentions(gazetteer, tokens).map((m) =>
      tokens
        .slice(m.start, m.end)
        .map((t) => t.text)
        .join(' '),
    );
  };

  it('are places after a locative word or a place word, or joined to a name by «و», and not where none locates them', () => {
    // «كفرنبودة» of Hama, «معربة» of Daraa, «قميناس» of Idlib: villages of no rank to count bare.
    expect(words('سقطت قذائف على معربة صباح اليوم')).toEqual(['معربه']);
    expect(words('تعرضت قرية قميناس لقصف مدفعي')).toEqual(['قريه قميناس']);
    expect(words('نزح أهالي كفرنبودة إلى المخيمات')).toEqual([]);
    expect(words('عاد أهالي معربة وكفرنبودة إلى منازلهم')).toEqual(['وكفرنبوده']);
  });
});
