import type { DocumentResult } from '../../src/contracts/index.js';
import { extract } from '../../src/extract/index.js';
import type { StoredIncident } from '../../src/link/index.js';
import { publicationDay } from '../../src/text/index.js';

/** Reports written for these tests: one car bombing told three ways, and other acts. */
export const REPORTS = {
  monitor: {
    outlet: 'شبكة أ',
    published: '2024-03-14',
    text: 'قتل أربعة عناصر من قوات سوريا الديمقراطية في تفجير انتحاري بسيارة مفخخة استهدف حاجزا في بلدة الشحيل بريف دير الزور الشرقي أمس الأربعاء، بحسب المرصد السوري لحقوق الإنسان.',
  },
  sdf: {
    outlet: 'موقع ب',
    published: '2024-03-14',
    text: 'أعلنت قوات سوريا الديمقراطية مقتل ستة من عناصرها في تفجير انتحاري بسيارة مفخخة استهدف حاجزا لها في بلدة الشحيل بريف دير الزور أمس.',
  },
  amaq: {
    outlet: 'قناة ج',
    published: '2024-03-13',
    text: 'أعلن تنظيم داعش عبر وكالة أعماق مقتل 20 عنصرا من مليشيا قسد بتفجير سيارة مفخخة على حاجز في بلدة الشحيل بريف دير الزور الشرقي اليوم.',
  },
  shelling: {
    outlet: 'شبكة أ',
    published: '2024-03-14',
    text: 'قتل مدنيان في قصف مدفعي لقوات النظام على بلدة سراقب جنوبي إدلب اليوم، بحسب الدفاع المدني السوري.',
  },
  laterBombing: {
    outlet: 'موقع ب',
    published: '2024-03-20',
    text: 'قتل ثلاثة عناصر من قوات سوريا الديمقراطية في تفجير انتحاري بسيارة مفخخة استهدف حاجزا في بلدة الشحيل بريف دير الزور الشرقي اليوم، بحسب المرصد السوري لحقوق الإنسان.',
  },
} as const;

export type ReportName = keyof typeof REPORTS;

export function resultOf(name: ReportName): DocumentResult {
  const r = REPORTS[name];
  return extract({
    text: r.text,
    title: null,
    outlet: r.outlet,
    url: `https://example.org/${name}`,
    published: r.published,
  });
}

/** The report's current (not background) incidents, as linking sees them. */
export function incidentsOf(name: ReportName): StoredIncident[] {
  const result = resultOf(name);
  return result.incidents
    .filter((i) => !i.background)
    .map((incident) => ({
      key: `${result.document.id}#${incident.id}`,
      document: result.document.id,
      published: publicationDay(result.document.published),
      outlet: result.document.outlet,
      url: result.document.url,
      incident,
    }));
}

export function only<T>(list: readonly T[]): T {
  if (list.length !== 1) throw new Error(`expected one, got ${String(list.length)}`);
  return list[0] as T;
}
