import { describe, expect, it } from 'vitest';
import { actor, only, read } from './helpers.js';

describe('event type and actors', () => {
  it.each([
    ['شنت الطائرات الحربية الروسية غارات على بلدة كفرنبل اليوم.', 'Air/drone strike', 'RUS'],
    ['استهدفت طائرة مسيرة تركية سيارة قرب مدينة القامشلي اليوم.', 'Air/drone strike', 'TUR'],
    [
      'قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل اليوم.',
      'Shelling/artillery/missile attack',
      'SYR-GOV',
    ],
    [
      'انفجرت عبوة ناسفة بسيارة عسكرية في مدينة الباب اليوم.',
      'Remote explosive/landmine/IED',
      'UNKNOWN',
    ],
    ['فجر انتحاري حزاما ناسفا في حاجز لقسد قرب بلدة الشحيل اليوم.', 'Suicide bomb', null],
    [
      'اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة قرب بلدة كفرنبل اليوم.',
      'Armed clash',
      'SYR-GOV',
    ],
    [
      'سيطرت فصائل المعارضة على بلدة كفرنبل اليوم بعد معارك مع قوات النظام.',
      'Non-state actor overtakes territory',
      'FSA',
    ],
    [
      'استعادت قوات النظام السيطرة على بلدة كفرنبل اليوم.',
      'Government regains territory',
      'SYR-GOV',
    ],
    ['اغتال مسلحون مجهولون مدرسا في مدينة جاسم اليوم.', 'Attack', 'UNKNOWN'],
    ['اختطف مسلحون مجهولون طفلا في مدينة جاسم اليوم.', 'Abduction/forced disappearance', 'UNKNOWN'],
    ['اعتقلت قوات النظام خمسة شبان في مدينة داريا اليوم.', 'Arrests', 'SYR-GOV'],
    [
      'خرجت مظاهرة في مدينة السويداء اليوم للمطالبة بالإفراج عن المعتقلين.',
      'Peaceful protest',
      'PROTESTERS',
    ],
    ['قصفت الطائرات الحربية بلدة خان شيخون بالغازات السامة اليوم.', 'Chemical weapon', null],
    ['اعتقلت دورية من قسد ثلاثة شبان في بلدة الشحيل اليوم.', 'Arrests', 'SDF'],
    [
      'استهدفت طائرة مسيرة انتحارية تابعة لهيئة تحرير الشام موقعا لقوات النظام قرب مدينة سراقب اليوم.',
      'Air/drone strike',
      'HTS',
    ],
    [
      'استهدفت طائرة مسيرة تابعة لهيئة تحرير الشام موقعا لقوات النظام قرب مدينة سراقب اليوم.',
      'Air/drone strike',
      'HTS',
    ],
    [
      'استهدفت طائرات مسيرة انتحارية تابعة لقوات النظام نقطة للفصائل قرب بلدة كفرنبل اليوم.',
      'Air/drone strike',
      'SYR-GOV',
    ],
    // Two words between the drone and «تابعة لـ»: still its owner.
    [
      'قصفت طائرة مسيرة انتحارية صغيرة تابعة لقوات النظام نقطة للفصائل قرب مدينة سراقب اليوم.',
      'Air/drone strike',
      'SYR-GOV',
    ],
    [
      'سقطت قذائف صاروخية أطلقتها قوات النظام على أطراف بلدة كفرنبل اليوم.',
      'Shelling/artillery/missile attack',
      'SYR-GOV',
    ],
    [
      'اعتقلت عناصر من فصيل مجهول ثلاثة شبان في بلدة الشحيل اليوم.',
      'Abduction/forced disappearance',
      null,
    ],
  ])('types «%s» as %s with actor1 %s', (text, sub, actor1) => {
    const incident = only(read(text));
    expect(incident.sub_event_type).toBe(sub);
    if (actor1 !== null) expect(actor(incident, 'actor1')).toBe(actor1);
  });

  it('makes a car bomb with a driver a suicide bomb', () => {
    expect(
      only(read('فجر عنصر من تنظيم داعش سيارة مفخخة يقودها في تجمع لقسد قرب بلدة الشحيل اليوم.'))
        .sub_event_type,
    ).toBe('Suicide bomb');
  });

  it('puts the target as actor2 and the doer as actor1', () => {
    const incident = only(read('هاجم مقاتلو العشائر نقاطا لقسد في بلدة الشحيل اليوم.'));
    expect([actor(incident, 'actor1'), actor(incident, 'actor2')]).toEqual(['TRIBES', 'SDF']);
  });

  it('makes the other side of «مواجهات مع مسلحين» the doer when the victims are the target', () => {
    const incident = only(
      read('قتل عنصران من قوات الأمن العام في مواجهات مع مسلحين في مدينة حمص اليوم.', '2025-02-10'),
    );
    expect([actor(incident, 'actor1'), actor(incident, 'actor2')]).toEqual([
      'UNKNOWN',
      'SYR-TRANS',
    ]);
  });

  it('does not make the group a place is «الخاضعة لسيطرة» the doer', () => {
    const incident = only(
      read(
        'انفجرت سيارة مفخخة في السوق الشعبي بمدينة أعزاز الخاضعة لسيطرة فصائل الجيش الوطني صباح اليوم، ما أدى إلى مقتل 6 أشخاص.',
      ),
    );
    expect(incident.sub_event_type).toBe('Remote explosive/landmine/IED');
    expect(actor(incident, 'actor1')).toBe('UNKNOWN');
  });

  it('leaves out a group named only to say who the speakers are', () => {
    const incident = only(
      read(
        'وكان التلفزيون الرسمي وقناة "المنار" التابعة لحزب الله أعلنا اليوم سيطرة قوات النظام على مدينة القصير.',
        '2013-06-05',
      ),
    );
    expect(actor(incident, 'actor1')).toBe('SYR-GOV');
    expect(incident.actors.map((a) => a.id)).not.toContain('HEZ');
  });

  it('makes a side that tells of strikes on no named target their target', () => {
    const incident = only(
      read(
        'وقال مصدر في فيلق الشام إن طائرات حربية روسية شنت اليوم غارات على محاور بلدة كباني في ريف اللاذقية.',
        '2018-07-12',
      ),
    );
    expect([actor(incident, 'actor1'), actor(incident, 'actor2')]).toEqual(['RUS', 'FSA']);
  });

  it('finds the doer behind «برصاص عناصر من…»', () => {
    const incident = only(
      read('قتل شاب برصاص عناصر من الأمن العام في مدينة حمص اليوم.', '2025-03-15'),
    );
    expect([actor(incident, 'actor1'), actor(incident, 'actor2')]).toEqual(['SYR-TRANS', 'CIV']);
  });

  it('codes force against protesters with the force as actor1', () => {
    const incident = only(
      read(
        'أطلقت قوات الأمن الرصاص الحي على مظاهرة في مدينة السويداء اليوم ما أدى إلى مقتل متظاهرين.',
        '2025-03-14',
      ),
    );
    expect(incident.sub_event_type).toBe('Excessive force against protesters');
    expect([actor(incident, 'actor1'), actor(incident, 'actor2')]).toEqual([
      'SYR-TRANS',
      'PROTESTERS',
    ]);
  });

  it('resolves «قوات الحكومة السورية» by the date of the report', () => {
    const text = 'قصفت قوات الحكومة السورية بلدة كفرنبل بالمدفعية اليوم.';
    expect(actor(only(read(text, '2019-05-01')), 'actor1')).toBe('SYR-GOV');
    expect(actor(only(read(text, '2025-05-01')), 'actor1')).toBe('SYR-TRANS');
  });

  it('dates an incident from «أمس» against the publication date', () => {
    expect(only(read('قتل مدنيان في غارة على مدينة سراقب أمس.', '2024-03-14')).date).toMatchObject({
      start: '2024-03-13',
      precision: 'day',
    });
  });

  it('places an incident at a village with its hierarchy', () => {
    const incident = only(read('قتل مدنيان في غارة على قرية حزيمة شمال الرقة اليوم.'));
    expect(incident.location).toMatchObject({
      place_id: 'C5702',
      admin1: 'Ar-Raqqa',
      precision: 1,
    });
  });
});

describe('explosions counted in the plural («انفجارات») are an act', () => {
  it.each([
    ['هزت ثلاثة انفجارات مدينة إعزاز صباح اليوم.', 'Azaz'],
    ['أعلنت وكالة سانا عن وقوع انفجارات في حي الزهراء بمدينة حمص.', 'Homs'],
    ['وقعت الانفجارات قرب مقر للشرطة في مدينة جرابلس.', 'Jarablus'],
  ])('«%s»: %s', (text, place) => {
    const incident = only(read(text, '2020-01-01'));
    expect([incident.sub_event_type, incident.location?.name_en]).toEqual([
      'Remote explosive/landmine/IED',
      place,
    ]);
  });
});
