import { describe, expect, it } from 'vitest';
import { actor, news, only, read, tuples } from './helpers.js';

describe('incidents', () => {
  it('merges the sentences about one act into one incident with several claims', () => {
    const result = read(
      'قتل 5 مدنيين في غارة جوية على بلدة كفرنبل اليوم. وقال المرصد السوري إن الغارة استهدفت سوقا شعبيا في البلدة. وأكد الدفاع المدني أن 7 مدنيين قتلوا في الغارة.',
    );
    expect(news(result)).toHaveLength(1);
    expect(news(result)[0]?.claims.map((c) => c.claimant)).toEqual([null, 'SCD']);
  });

  it('keeps acts at different places apart', () => {
    const result = read(
      'قتل مدنيان في غارة جوية على بلدة كفرنبل اليوم. كما قتل 3 مدنيين في قصف مدفعي على مدينة سراقب.',
    );
    expect(news(result).map((i) => i.location?.name_en)).toEqual(['Kafr Nobol', 'Saraqab']);
  });

  it('keeps the countryside and the city apart when a statement goes on about a second act', () => {
    const result = read(
      'أعلن بيان صادر عن وزارة الداخلية اليوم مقتل 9 عناصر من قوات الأمن في كمين نصبه مسلحون في ريف حماة. وأكد البيان وقوع اشتباكات أسفرت عن مقتل عنصرين في مدينة حماة.',
      '2025-02-10',
    );
    expect(news(result).map((i) => [i.location?.precision, i.fatalities?.best])).toEqual([
      [3, 9],
      [1, 2],
    ]);
  });

  it.each([
    'دفعت قوات النظام تعزيزات عسكرية إلى مدينة سراقب اليوم.',
    'فرضت قوات الأمن حظر التجول في مدينة جبلة اليوم.',
  ])('makes no incident of a move around the acts: «%s»', (text) => {
    expect(news(read(text))).toEqual([]);
  });

  it('reads what happens alongside a running situation as part of it, not as an act', () => {
    const result = read(
      'وتشهد مناطق ريف إدلب الجنوبي، إضافة إلى ريف حماة الشمالي، قصفا مستمرا، بالتزامن مع قصف مصدره مناطق المعارضة يستهدف أحياء مدينة حماة.',
    );
    expect(news(result)).toEqual([]);
  });

  it('joins another teller’s closer account of the lead’s act to it', () => {
    const result = read(
      'قتل عدد من عناصر قسد اليوم بانفجار استهدف سيارة عسكرية في ريف دير الزور الشرقي. وحسب ما ذكر تنظيم داعش فإن 12 عنصرا من قسد قتلوا بانفجار عبوة ناسفة في بلدة الشحيل.',
    );
    expect(news(result)).toHaveLength(1);
    expect(news(result)[0]?.location?.name_en).toBe('Shiheil');
    expect(news(result)[0]?.claims.map((c) => c.claimant)).toEqual([null, 'ISIS']);
  });

  it('keeps apart an act at a place inside the lead’s area told by the same teller', () => {
    const result = read(
      'قتل 3 عناصر من قسد اليوم بانفجار عبوة ناسفة في ريف دير الزور الشرقي. وقتل عنصران من قسد بانفجار عبوة ناسفة ثانية في بلدة الشحيل.',
    );
    expect(news(result)).toHaveLength(2);
  });

  it('reads an attack launched at something as an act, even where no place is named', () => {
    const result = read(
      'شنت طائرات روسية غارات على بلدة كباني بريف اللاذقية اليوم، كما شنت فصائل المعارضة هجوما على الحواجز المحيطة بالمنطقة.',
    );
    expect(news(result).map((i) => i.event_type)).toEqual([
      'Explosions/Remote violence',
      'Battles',
    ]);
  });

  it('dates the act «يأتي ذلك بعد يومين من» points back to, as news of those days (gold.md)', () => {
    const result = read(
      'قتل ثلاثة مدنيين بقصف مدفعي على مدينة أريحا اليوم. ويأتي ذلك بعد يومين من مقتل امرأتين بقصف مماثل على بلدة البارة.',
    );
    expect(result.incidents.map((i) => [i.location?.name_en, i.background, i.date.start])).toEqual([
      ['Ariha', false, '2024-03-14'],
      ['Bara', false, '2024-03-12'],
    ]);
  });

  it('marks an act a week or more before, that «يأتي ذلك بعد» points back to, as background', () => {
    const result = read(
      'قتل ثلاثة مدنيين بقصف مدفعي على مدينة أريحا اليوم. ويأتي ذلك بعد أسبوعين من مقتل امرأتين بقصف مماثل على بلدة البارة.',
    );
    expect(result.incidents.map((i) => [i.location?.name_en, i.background])).toEqual([
      ['Ariha', false],
      ['Bara', true],
    ]);
  });

  it('joins a retelling that repeats the toll, wherever it says the shots came from', () => {
    const result = read(
      'قتل مدنيان وأصيب 4 آخرون جراء قذائف صاروخية أطلقها مسلحون على قرية الرصيف بريف حماة اليوم. وذكر مراسلنا أن المجموعات المسلحة المنتشرة في ريف إدلب استهدفت منازل الأهالي في القرية ما أدى إلى مقتل مدنيين اثنين وإصابة أربعة آخرين.',
    );
    expect(news(result)).toHaveLength(1);
    expect(news(result)[0]?.location?.name_en).toBe('Rasif');
  });

  it('reads a past-tense retelling with no day or place of its own as the act just told', () => {
    const result = read(
      'ارتفع إلى 9 عدد القتلى جراء الانفجار الذي وقع صباح اليوم في سوق مدينة أعزاز. وكان انفجار سيارة مفخخة قد هز السوق الشعبي في المدينة، ما أدى إلى مقتل 6 مدنيين في حصيلة أولية.',
    );
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]?.background).toBe(false);
    // The running toll names no victims: it is the total, not a count to add the first one to.
    expect(result.incidents[0]?.fatalities).toEqual({ low: 9, best: 9, high: 9 });
  });

  it('keeps apart an act announced as another («في عملية أخرى»)', () => {
    const result = read(
      'اعتقلت قوات النظام 4 شبان في مدينة داريا اليوم. وفي عملية أخرى اعتقلت قوات النظام شابين في مدينة داريا.',
    );
    expect(news(result)).toHaveLength(2);
  });

  it('makes one incident per place listed for one act', () => {
    const result = read('خرجت مظاهرات اليوم في مدن السويداء وشهبا وصلخد.');
    expect(news(result).map((i) => i.location?.name_en)).toHaveLength(3);
    expect(news(result).every((i) => i.event_type === 'Protests')).toBe(true);
  });

  it('marks a past event given as context as background', () => {
    const result = read(
      'قتل مدنيان في غارة جوية على مدينة سراقب اليوم. وكانت المدينة قد تعرضت لقصف مماثل في العام 2019 أدى إلى مقتل 12 مدنيا.',
    );
    expect(result.incidents.map((i) => i.background)).toEqual([false, true]);
  });

  it('makes an act remembered on its anniversary background, whatever today’s date', () => {
    const result = read(
      'يصادف اليوم الذكرى السنوية العاشرة لمجزرة ارتكبتها قوات النظام في بلدة كفرنبل وراح ضحيتها 50 مدنيا.',
    );
    expect(news(result)).toHaveLength(0);
    expect(result.incidents.every((i) => i.background)).toBe(true);
  });

  it('keeps a past act told at length in the background, beyond its dated sentence', () => {
    const result = read(
      'قتل مدني بقصف مدفعي على بلدة سراقب اليوم. وكانت قوات النظام قد اقتحمت بلدة معرة النعمان في 5 آذار 2020. واستمر القصف على البلدة لساعات، ثم أحرقت القوات عشرات المنازل.',
    );
    expect(news(result)).toHaveLength(1);
    expect(news(result)[0]?.location?.name_en).toBe('Saraqab');
  });

  it('makes a dated act more than a week old background', () => {
    const result = read(
      'وفي 2 شباط الماضي قتل 3 مدنيين بانفجار لغم قرب بلدة الحراك.',
      '2024-03-14',
    );
    expect(result.incidents.every((i) => i.background)).toBe(true);
  });

  it('keeps cumulative counts as tallies, never incidents', () => {
    const result = read(
      'وثق المرصد السوري منذ مطلع العام الجاري مقتل 412 مدنيا في محافظة إدلب جراء القصف. وقتل اليوم مدنيان في غارة على مدينة سراقب.',
    );
    expect(result.tallies).toHaveLength(1);
    expect(result.tallies[0]).toMatchObject({ claimant: 'SOHR' });
    expect(news(result)).toHaveLength(1);
    expect(news(result)[0]?.claims.flatMap((c) => c.figures.map((f) => f.count))).toEqual([2]);
  });

  it('dates a tally from its own sentence, not from the acts told before and after it', () => {
    const result = read(
      'قتل في 3 آذار مدنيان في غارة على مدينة سراقب. ووثق المرصد السوري منذ مطلع شباط مقتل 412 مدنيا في محافظة إدلب جراء القصف. وقتل في 12 آذار مدني في غارة على مدينة أريحا.',
    );
    expect(result.tallies.map((t) => t.period)).toEqual([
      { start: '2024-02-01', end: '2024-03-14' },
    ]);
  });

  it('does not make an incident of a general situation', () => {
    const result = read('وتشهد المنطقة اشتباكات متقطعة بين قوات النظام وفصائل المعارضة منذ أشهر.');
    expect(news(result)).toHaveLength(0);
  });

  it('does not make an incident of an act that did not happen', () => {
    const result = read('ولم تسجل أي غارات جوية على مدينة سراقب اليوم.');
    expect(news(result)).toHaveLength(0);
  });
});

/** «مقتل شخصين في بلدة سرمين.»: a casualty sentence alone is an act, named or not. */
describe('a casualty sentence with no act named', () => {
  it.each<[string, string, number]>([
    ['مقتل شخصين في بلدة سرمين.', 'سرمين', 2],
    ['إصابة ثلاثة أطفال في مدينة أريحا اليوم', 'أريحا', 3],
    ['وفاة امرأة وطفلها في قرية البارة صباح اليوم.', 'البارة', 2],
  ])('opens an incident at its town: «%s»', (text, place, count) => {
    const incident = only(read(text));
    expect(incident.location?.name_ar).toBe(place);
    expect(incident.event_type).toBe('Violence against civilians');
    expect(tuples(incident).map(([, , , c]) => c)).toEqual([count]);
  });

  it('does not open one for people counted over a whole province, which may sum up several acts', () => {
    expect(news(read('مقتل خمسة أشخاص في ريف إدلب الجنوبي خلال الساعات الماضية.'))).toEqual([]);
  });

  it('writes the rules of every field as rule and score, for a killing settled as a clash', () => {
    // Killing read first; both dead armed, it is settled as a clash, whose sides are weighed again.
    const incident = only(
      read('اغتال مسلحون مجهولون عنصرين من الأمن العام بالرصاص قرب بلدة الصنمين مساء أمس.'),
    );
    expect([incident.event_type, incident.sub_event_type]).toEqual(['Battles', 'Armed clash']);
    const why = incident.why ?? [];
    expect(why.map((d) => d.field)).toEqual([
      'incident',
      'background',
      'type',
      'date',
      'place',
      'actor1',
      'actor2',
      'figure',
    ]);
    const type = why.find((d) => d.field === 'type');
    expect(type?.rules.map((r) => r.rule)).toContain('acts/violence-between-armed-sides');
    const actor2 = why.find((d) => d.field === 'actor2');
    expect(actor2?.value).toBe(actor(incident, 'actor2'));
    expect(actor2?.rules).toContainEqual({ rule: 'sides/named-in-victims', score: 3 });
    for (const decision of why)
      for (const rule of decision.rules) expect(Object.keys(rule)).toEqual(['rule', 'score']);
  });
});
