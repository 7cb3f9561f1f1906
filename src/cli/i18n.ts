import type { EventType, Figure, Measure, Qualifier, SubEventType } from '../contracts/index.js';
import type { Lexicon } from '../lexicon/index.js';

/** The languages of what the command line prints for a person (JSON, CSV and logs stay as they are). */
export const LANGS = ['ar', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * `--lang`, else the locale as POSIX orders it (LC_ALL, then LC_MESSAGES, then
 * LANG): Arabic for an `ar…` locale, English otherwise.
 */
export function langOf(flag: Lang | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) return flag;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return locale?.toLowerCase().startsWith('ar') === true ? 'ar' : 'en';
}

/** Every string a person reads from `extract` and `review`, Arabic first; `{name}` is filled in. */
const AR = {
  unknown: 'غير معروف',
  '?': '؟',
  arrow: '←',
  list: '، ',
  'extract.header': '{name} — نُشر {published} — {news} حادثة{background}، {tallies} حصيلة إجمالية',
  'extract.background': '، منها {count} في الخلفية',
  'incident.head': '{n}. {type} / {sub} — {when}{background}',
  'incident.background': ' [خلفية]',
  'incident.reportDate': '{date} (تاريخ التقرير)',
  'incident.dateUnknown': 'التاريخ غير معروف',
  'place.unknown': 'المكان: غير معروف',
  'place.line': 'المكان: {name}{area}، الدقة {precision} — {words}{choice}',
  'place.choice': ' (اختير بـ{by}، لا {other} في {admin1})',
  'actors.line': 'الأطراف: {actor1} {arrow} {actor2}',
  'actors.with': '(مع {assoc})',
  unattributed: 'دون نسبة',
  'claim.party': ' (طرف في القتال)',
  'fatalities.line': 'القتلى: الأدنى {low}، الأرجح {best}، الأعلى {high}',
  'tally.line': 'حصيلة{claimant}: {figures}',
  warning: 'تنبيه: {text}',
  'figure.some': 'عدد غير محدد',
  'figure.victim': '{figure} من {victim}',
  'qualifier.exact': '{count}',
  'qualifier.approx': 'نحو {count}',
  'qualifier.at_least': '{count} على الأقل',
  'qualifier.more_than': 'أكثر من {count}',
  'qualifier.up_to': 'حتى {count}',
  'qualifier.unspecified': '{count}',
  'measure.killed': 'قتلى',
  'measure.injured': 'جرحى',
  'measure.detained': 'معتقلون',
  'measure.missing': 'مفقودون',
  'measure.killed_or_injured': 'قتلى أو جرحى',
  'review.head': '{id}  [{status}]  {sub}  {when}',
  'review.statusBy': '{status}، {by} في {at}',
  'review.noDate': 'دون تاريخ',
  'review.placeUnknown': 'المكان غير معروف',
  'review.place': '{name}، {admin1}، الدقة {precision}',
  'review.sides': '{actor1} {arrow} {actor2}{toll}',
  'review.toll': '  القتلى {low}/{best}/{high} (الأدنى/الأرجح/الأعلى)',
  'review.report': 'تقرير {incident}  {outlet}  {url}',
  'review.first': 'أول تقرير',
  'review.linked': 'رُبط: {why}',
  'review.words': 'الكلمات: {words}',
  'review.noWords': 'لا كلمات مربوطة بحقل',
  'review.claim': 'ادعاء {who}: {figures}',
  'review.shown': '{count} حدث معروض، من {store}',
  'field.date': 'التاريخ',
  'field.place': 'المكان',
  'field.actor1': 'الفاعل',
  'field.actor2': 'المستهدف',
  'field.assoc1': 'مع الفاعل',
  'field.assoc2': 'مع المستهدف',
  'status.unreviewed': 'لم يراجع',
  'status.reviewed': 'روجع',
  'status.verified': 'تم التحقق',
  'status.disputed': 'متنازع عليه',
  'status.rejected': 'مرفوض',
  'set.done': '{event}: {before} ← {after}، بيد {by} في {at} (سجل التدقيق رقم {entry})',
  'set.same': '{event}: {status} أصلاً؛ لم يتغير شيء',
  'decide.same': '{a} و{b}: الفعل نفسه، بقرار {by}؛ أعيد تجميع أحداثهما',
  'decide.different': '{a} و{b}: فعلان مختلفان، بقرار {by}؛ أعيد تجميع أحداثهما',
  'decide.detached': '{incident} خرج من الحدث: صار في {event}',
  'decide.noEvent': 'لا حدث',
  'cli.warning': 'تنبيه:',
  'help.exitStatus':
    'حالة الخروج: 0 تم كل شيء؛ 1 فشلت بعض المدخلات؛ 2 خطأ في الاستعمال؛ 3 قاعدة البيانات لا تجيب\nأو غير موجودة؛ 74 القرص الذي يحمل المخزن ممتلئ؛ 75 عملية أخرى تمسك المخزن المدمج\n(أعد المحاولة حين تنتهي).',
  'arg.date': 'المتوقع تاريخ بصيغة YYYY-MM-DD',
  'arg.notDay': '{value} ليس يوماً في التقويم',
  'arg.size': 'المتوقع حجم بالميغابايت',
  'arg.degrees': 'المتوقع درجات عشرية بين -{limit} و{limit}',
  'arg.positive': 'المتوقع عدد صحيح أكبر من 0',
  'arg.oneOf': 'المتوقع واحد من {values}',
  'commander.invalid': 'خطأ: قيمة الخيار {option} وهي {value} غير صالحة. {why}',
  'commander.unknownOption': 'خطأ: خيار غير معروف {option}{rest}',
  'commander.unknownCommand': 'خطأ: أمر غير معروف {command}{rest}',
  'commander.missingArgument': 'خطأ: ينقص المعطى {argument}',
  'commander.missingOption': 'خطأ: الخيار المطلوب {option} لم يُعطَ',
  'commander.optionValue': 'خطأ: الخيار {option} بلا قيمة',
  'commander.tooMany': 'خطأ: معطيات أكثر من اللازم{rest}',
  'store.missing':
    '{location}: لا مخزن لـwathiq هنا؛ أدخل تقارير أولاً، أو سمِّ المخزن بـ--data DIR أو WATHIQ_DATA أو --db URL',
  'store.unreachable': '{location}: قاعدة البيانات لا تجيب ({detail})',
  'store.uncreatable': '{location}: تعذر إنشاء المخزن ({detail})',
  'store.busy':
    'المخزن في {folder} يستعمله {command}، رقم العملية {pid}{where}، منذ {since}؛ أعد المحاولة حين ينتهي',
  'store.busyHost': ' على {host}',
  'store.full':
    'القرص الذي يحمل المخزن في {location} ممتلئ (ENOSPC): لم يُخزَّن شيء آخر؛ أفرغ بعض المساحة وأعد الأمر، فيكمل من حيث توقف',
  'store.fullRoom':
    'القرص الذي يحمل المخزن في {location} ممتلئ (ENOSPC): {free} ميغابايت فارغة، والمخزن يحتاج {needed} ميغابايت ليمضي؛ أفرغ بعض المساحة وأعد الأمر، فيكمل من حيث توقف',
  'ingest.summary': '{total} تقرير في {seconds} ث ({rate}/ث): {parts}',
  'ingest.added': 'أضيف {n}',
  'ingest.known': '{n} موجود أصلاً',
  'ingest.sameText': '{n} نصه كنص تقرير مخزن',
  'ingest.completed': '{n} منها أُعطي وقائع كانت تنقصه وأعيدت قراءته',
  'ingest.notCompleted': 'لم يُعطَ ما كان ينقصه ({facts})، إذ تعذرت إعادة قراءته به: {reason}',
  'ingest.differs': 'محفوظ من قبل و{fact} فيه {stored}؛ لم يؤخذ {given} إذ لا يُستبدل ما حُفظ',
  'ingest.failed': 'فشل {n}',
  'fact.title': 'العنوان',
  'fact.outlet': 'الوسيلة',
  'fact.url': 'الرابط',
  'fact.published': 'تاريخ النشر',
  'ingest.stopped': 'توقف: ',
  'ingest.failedHint': ' (يسردها wathiq ingest --failed)',
  'ingest.store': '؛ المخزن: {store}',
  'ingest.bar':
    'إدخال {bar} {value}/{total} ملف | أضيف {added}، موجود {known}، فشل {failed} | {rate}/ث',
  'ingest.undated':
    '{count} تقرير بلا تاريخ نشر؛ أحداثها مؤرخة بـ«غير معروف» (time_precision 3 في ACLED):',
  'ingest.undatedMore': '  … و{count} غيرها',
  'ingest.unmatched':
    'سطر في --manifest يسمي {path}، وليس بين التقارير المدخلة: الملفات تُسمّى نسبةً إلى مجلد الـmanifest',
  'ingest.undatedHow':
    '  أعطِ كلاً منها تاريخه في ترويسة، ثلاثة أسطر في أول الملف:\n      ---\n      published: YYYY-MM-DD\n      ---\n  أو ملفاً جانبياً NAME.meta.json ({"published": "YYYY-MM-DD"})، أو سطراً في --manifest FILE\n  (file,url,outlet,published)، أو --published YYYY-MM-DD للجميع؛ ثم أدخلها من جديد',
  'ingest.queueNeedsServer': '--queue يحتاج قاعدة بيانات على خادم: --db URL أو DATABASE_URL',
  'ingest.nothing': 'سمِّ الملفات أو المجلدات المراد إدخالها',
  'ingest.failures': 'فشل {count} مدخل',
  'ingest.queued':
    'وُضع {queued} تقرير في الطابور للعمال (wathiq worker)؛ {known} مخزن أصلاً، وفشل {failed}',
  'export.done': 'صُدّر {count} حدث من {store}{to}',
  'export.to': ' إلى {file}',
  'export.noFolder': '--out {file}: لا مجلد {folder} لكتابته فيه',
  'export.hashesFormat':
    '--hashes يضيف عموداً إلى {formats} فقط، لا إلى {format} (بصمات الملقوطات يعطيها wathiq evidence EVENT)',
  'search.none': 'لا تقرير في {store} يطابق',
  'filter.unknown': 'لا {what} «{value}»؛ الأقرب: {closest}',
  'filter.actor': 'طرف',
  'filter.claimant': 'مصدر ادعاء',
  'filter.type': 'نوع حدث',
  'filter.governorate': 'لا محافظة باسم «{name}»',
  'evidence.capture': '{sha}  {size} بايت  التُقط {at}',
  'evidence.source': '  المصدر: {source}',
  'evidence.url': '  الرابط: {url}',
  'evidence.report': '  التقرير: {id}{outlet}{published}',
  'evidence.published': '، نُشر {date}',
  'evidence.undated': '، بلا تاريخ نشر',
  'evidence.facts': '  الوقائع: {facts}',
  'evidence.fact': '{fact} من {source}',
  'evidence.saved':
    'حُفظ {count} ملقوط في {dir}، مع manifest.json وSHA256SUMS (يتحقق منها sha256sum -c SHA256SUMS)',
  'evidence.mismatch': 'الملقوط {sha} ({source}): بصمة بايتاته المخزنة الآن {found}{size}',
  'evidence.mismatchSize': ' وحجمها {found} بايت لا {size}',
  'evidence.checked': 'فُحص {count} ملقوط في {store}: {result}',
  'evidence.allMatch': 'كلها تطابق بصمتها SHA-256',
  'evidence.noMatch': '{count} لم تعد تطابق',
  'evidence.which': 'سمِّ حدثاً أو تقريراً أو ملقوطاً، أو قل verify',
  'evidence.notFound': 'لا حدث ولا تقرير ولا ملقوط «{id}» في المخزن',
  'reprocess.read': 'أعيدت قراءة {total} تقرير، قُرئ {changed} منها على نحو مختلف',
  'reprocess.stopped': 'توقف بعد {done} من {total} تقرير، قُرئ {changed} منها على نحو مختلف',
  'reprocess.events':
    'الأحداث: أضيف {added}، أزيل {removed}، دُمج {merged}، قُسم {split}، تغيرت أرقام {figures}، تغير غير ذلك في {changed}',
  'reprocess.incidents':
    'الحوادث: أضيف {added}، أزيل {removed}، تغير {changed}، أبقي {kept} لكلمة شخص',
  'reprocess.failed': 'تعذرت إعادة قراءة {count} تقرير',
  'reprocess.store': '؛ المخزن: {store}',
  'gazetteer.added': 'أضيف {id} {name} ({kind} في {hierarchy}) في {file}',
  'gazetteer.updated': 'حُدّث {id} {name} ({kind} في {hierarchy}) في {file}',
  'gazetteer.namesake':
    'ملاحظة: «{name}» اسم أيضاً لـ{others}؛ مكانك يغلب ما لم يسمِّ التقرير منطقة أخرى',
  'gazetteer.noParent': 'المكان الأم {parent} ليس في المعجم الجغرافي',
  'gazetteer.notArabic':
    '{problem}: أسماء الأماكن تطابَق في تقارير عربية (--name-en يأخذ اسمها الإنجليزي)',
  'gazetteer.outside': '{problem}؛ تحقق من --lat و--lon و--parent',
  'gazetteer.noSuch': 'لا مكان «{which}» (معرّفاً أو اسماً) في ملف أماكنك {file}',
  'gazetteer.shipped':
    '{id} {name} مكان مشحون مع wathiq لا مكان أضفته: لا يُزال إلا ما في {file} (أضف مكاناً بـ--id {id} لتصحيحه)',
  'gazetteer.several': '«{which}» اسم {count} من أماكنك ({list}): أزل واحداً بمعرّفه',
  'gazetteer.parentOf': '{id} {name} هو المكان الأم لـ{children}: أزلها أولاً',
  'gazetteer.removed': 'أزيل {id} {name} ({hierarchy}) من {file}',
  'gazetteer.imported':
    '{file}: {count} مكان من ملف {format} ({fresh} جديد، {replaced} مستبدل){left}',
  'gazetteer.leftOut': '؛ تُرك: {list}',
  'gazetteer.userPlaces': 'أماكن المستخدم: {file}',
  'gazetteer.noPlace': '«{phrase}»: لا مكان مسمى',
  'gazetteer.notIn': '«{words}»: ليس في المعجم الجغرافي',
  'gazetteer.noReading': '«{words}»: لا قراءة تناسب ({count} مكان بهذا الاسم)',
  'gazetteer.reading':
    '«{words}» {arrow} {id} {ar} / {en} ({hierarchy}) {lat},{lon} الدقة {precision}{also}',
  'gazetteer.also': '؛ وأيضاً {list}',
  'baseline.noFile': '{path}: لا ملف بهذا الاسم',
  'baseline.unreadable': '{path}: تعذرت قراءته ({code})',
  'baseline.notJson': '{path}: ليس JSON',
  'baseline.invalid': '{path}: ليس خط أساس: {problem}',
  'problem.empty': 'ملف فارغ',
  'problem.binary': 'ملف ثنائي، لا نص ولا HTML',
  'problem.blank': 'لا نص (فراغات فقط)',
  'problem.noHtmlText': 'لا نص مقروء في صفحة HTML',
  'problem.isFolder': 'مجلد لا ملف',
  'problem.notArabic': 'ليس تقريراً عربياً ({arabic} حرف عربي من {letters})',
  'problem.tooShort': 'أقصر من أن يُقرأ تقريراً ({arabic} حرف عربي؛ {min} على الأقل)',
  'problem.tooLarge': 'حجمه {size} ميغابايت، فوق حد التقرير الواحد {max} ميغابايت',
  'problem.overLimit': 'أكثر من حد التقرير الواحد {max} ميغابايت',
  'problem.noFile': 'لا ملف بهذا الاسم',
  'problem.noFolder': 'لا مجلد بهذا الاسم',
  'problem.noFileOrFolder': 'لا ملف ولا مجلد بهذا الاسم',
  'problem.deniedFile': 'الإذن مرفوض: لا يحق لـwathiq قراءة هذا الملف',
  'problem.deniedFolder': 'الإذن مرفوض: لا يحق لـwathiq قراءة هذا المجلد',
  'problem.deniedEither': 'الإذن مرفوض: لا يحق لـwathiq قراءة هذا الملف أو المجلد',
  'problem.loop': 'رابط رمزي يعود إلى نفسه',
  'problem.notDate': 'تاريخ النشر «{value}» ليس تاريخاً (اكتبه YYYY-MM-DD)',
  'problem.notDay': 'تاريخ النشر {value} ليس يوماً في التقويم',
  'problem.frontPairs': 'المتوقع أسماء وقيم (published, outlet, url, title)',
  'problem.frontYaml': 'الترويسة ليست YAML ({detail})',
  'problem.notJson': 'ليس JSON ({detail})',
  'problem.noFileColumn': 'لا عمود file (المتوقع file, url, outlet, published)',
  'problem.noFileNamed': 'لا ملف مسمى',
  'problem.emptyFeed': 'خلاصة بلا عناصر',
  'problem.badXml': 'XML غير سليم في السطر {line}، العمود {column}: {what}',
  'problem.feedEnds': 'تنتهي الخلاصة قبل أوانها ({detail})',
  'problem.unclosed': 'عنصر غير مغلق: تنتهي الخلاصة داخله',
  'problem.strayBytes': 'استُبدل بـU+FFFD {count} تسلسل بايتات ليس UTF-8؛ والباقي UTF-8',
  'problem.notArabicName': '«{name}» ليس مكتوباً بحروف عربية',
  'problem.foreignLetter': '«{name}» فيه حرف غير عربي («{letter}»)',
  'problem.outsideSyria':
    'النقطة {point} خارج محافظات سوريا، لا في {area} حيث المكان الأم {id} {name}{hint}',
  'problem.otherGovernorate':
    'النقطة {point} في محافظة {where}، لا في {area} حيث المكان الأم {id} {name}{hint}',
  'problem.swapped': ' (هل تبادل خط العرض وخط الطول مكانيهما؟)',
  'problem.notPlace': 'ليس مكاناً مأهولاً ولا منطقة ولا موقعاً',
  'problem.noArabicName': 'بلا اسم عربي',
  'problem.noCoordinates': 'بلا إحداثيات',
  'problem.syrianArea': 'منطقة إدارية سورية (عند wathiq مناطق OCHA)',
  'problem.known': 'في المعجم الجغرافي أصلاً',
  'problem.notPlacesFile': '{file}: ليس ملف GeoNames ولا جدول أماكن (الأعمدة المتوقعة {columns})',
  'problem.missingColumns': '{file}: تنقص الأعمدة {columns}',
  'problem.emptyId': '{at}: معرّف فارغ',
  'problem.placeNoName': '{at}: المكان {id} بلا اسم',
  'problem.unknownKind': '{at}: نوع غير معروف «{kind}»',
  'problem.badLatitude': '{at}: خط عرض غير صالح «{value}»',
  'problem.badLongitude': '{at}: خط طول غير صالح «{value}»',
  'problem.noAdmin': '{at}: المكان {id} بلا أعمدة إدارية ولا مكان أم',
  'problem.orphan': 'المكان {id} («{name}»): المكان الأم {parent} ليس في المعجم الجغرافي',
  'problem.unknownFeature': '{at}: معلم غير معروف «{kind}»',
  'problem.shortPassword': 'كلمة المرور {count} محارف على الأقل',
  'problem.userName': 'اسم الدخول حروف وأرقام ونقطة وشرطة سفلية وشرطة فقط',
  'problem.userExists': 'هناك مستخدم باسم {name} أصلاً',
  'problem.noUser': 'لا مستخدم {name}',
  'problem.noToken': 'لا مفتاح {id}',
  'problem.lastAdmin': 'لا يُعطَّل آخر مدير ولا يُعطى دوراً آخر',
  'problem.jobFailed': 'فشلت مهمته في الطابور {count} مرات (آخرها: {reason})',
  'problem.noGold': 'لا ملفات تقييم (NAME.gold.json) هنا: لا شيء يُقاس',
  'problem.notAFolder': 'ليس مجلداً',
  'problem.noReportBeside': 'لا ملف تقرير بجانب {gold}',
  'problem.unmeasured': 'لـ{measure} خط أساس لكنه لم يُقس (الروابط تحتاج --link)',
  'problem.belowBaseline': '{measure} {value} تحت خط أساسه {floor}',
  'problem.cancelled': 'أُلغي',
  'problem.oneReport': 'لا يكون {a} و{b} حدثاً واحداً: يرويهما تقرير واحد؛ لم يتغير شيء',
  'problem.cannotJoin':
    'لا يكون {a} و{b} حدثاً واحداً: بين تاريخيهما أكثر من يوم، أو فصلٌ يُبعد أحدهما عن حدث الآخر؛ لم يتغير شيء',
  'problem.detachOne':
    'جمع {a} و{b} يُخرج {list} من حدثه (في الحدث حادثة واحدة من كل تقرير، على يومين على الأكثر)؛ لم يتغير شيء',
  'problem.detachMany':
    'جمع {a} و{b} يُخرج {list} من أحداثها (في الحدث حادثة واحدة من كل تقرير، على يومين على الأكثر)؛ لم يتغير شيء',
  'problem.noEvent': 'لا حدث {id}',
  'problem.noIncidents': 'لا حادثة {a} ولا {b}',
  'problem.noIncidentOfPair': 'لا حادثة من هذا الزوج',
  'problem.selfPair': 'الحادثة هي دائماً الفعل نفسه مع نفسها: سمِّ حادثتين',
  'problem.captureChanged':
    'الملقوط {sha} ({source}) لم يعد يطابق بصمته؛ شغّل wathiq evidence verify',
  'account.noTerminal': 'لا طرفية تُكتب فيها كلمة المرور: أعطها بـ--password-stdin',
  'account.prompt': 'كلمة المرور ({count} محارف على الأقل): ',
  'account.again': 'كلمة المرور نفسها مرة أخرى: ',
  'account.differ': 'كلمتا المرور مختلفتان',
  'account.added': 'أضيف {name} ({role})',
  'account.disabledNote': 'معطَّل',
  'account.totpNote': 'عامل ثانٍ',
  'account.none': 'لا مستخدمين بعد: wathiq user add NAME --role admin',
  'account.role': '{name}: {role}',
  'account.roleAlready': '{name}: {role} أصلاً',
  'account.disabled': '{name}: عُطّل',
  'account.disabledAlready': '{name}: معطَّل أصلاً',
  'account.enabled': '{name}: فُعّل',
  'account.enabledAlready': '{name}: مفعَّل أصلاً',
  'account.password': '{name}: عُيّنت كلمة مرور جديدة؛ انتهت جلساته',
  'token.created':
    'المفتاح {id} لـ{user}: أرسله بصيغة «Authorization: Bearer TOKEN»؛ لن يظهر مرة أخرى',
  'token.lastUsed': 'آخر استعمال: {at}',
  'token.never': 'لم يُستعمل بعد',
  'token.revokedState': 'ملغى',
  'token.revokedAlready': 'المفتاح {id} ملغى أصلاً',
  'token.revoked': 'أُلغي المفتاح {id}',
  'worker.needsServer': 'العامل يحتاج قاعدة بيانات على خادم: --db URL أو DATABASE_URL',
  'worker.bundleFailed': 'فشلت حزمة تقارير: {reason}',
  'worker.done': 'العامل: {done} تقرير، فشل {failed}',
  'serve.noUsers':
    'لا مستخدمين بعد، فلا يستطيع أحد الدخول. أنشئ الأول بـ\n  wathiq user add NAME --role admin',
  'serve.serving': 'يُخدَّم {store} على {url}',
  'start.stored': 'خُزّن {count} تقريراً من الأمثلة في {store}',
  'start.signIn': 'ادخل باسم {admin} وكلمة المرور {password}',
  'start.once': '(تظهر هذه المرة فقط؛ wathiq user password admin يعيّن غيرها)',
  'start.reusing': 'يُعاد استعمال {store}؛ ادخل باسم {admin} وكلمة المرور التي ظهرت في أول تشغيل',
  'start.open': 'افتح {url} (Ctrl-C يوقف)',
  'eval.failed': 'فشل: {file}: {problem}',
  'eval.documents': 'الوثائق: {count}',
  'eval.none': 'النتيجة: لا شيء (لم تُقس أي وثيقة)',
  'eval.counts': '{name}: الدقة {p} الاستدعاء {r} F1 {f1} (صحيح {tp}، زائد {fp}، فائت {fn})',
  'eval.ratio': '{name}: {value} ({hit}/{total})',
  'eval.tallies': 'الحصائل: وُجد {found}، وفي التقييم {gold}',
  'eval.score': 'النتيجة: {value}',
  'eval.incidents': 'الحوادث',
  'eval.background': 'الخلفية',
  'eval.figures': 'الأرقام',
  'eval.figuresLoose': 'الأرقام (المقياس والعدد)',
  'eval.links': 'الروابط (أزواج تقارير الحدث نفسه)',
  'eval.date': 'التاريخ',
  'eval.place': 'المكان',
  'eval.event_type': 'نوع الحدث',
  'eval.sub_event_type': 'النوع الفرعي',
  'eval.actor1': 'الفاعل',
  'eval.actor2': 'المستهدف',
} as const;

export type Key = keyof typeof AR;

/** Every message's key. */
export const KEYS = Object.keys(AR) as Key[];

const EN: Readonly<Record<Key, string>> = {
  unknown: 'unknown',
  '?': '?',
  arrow: '→',
  list: ', ',
  'extract.header':
    '{name} — published {published} — {news} incident(s){background}, {tallies} tally(ies)',
  'extract.background': ', {count} in background',
  'incident.head': '{n}. {type} / {sub} — {when}{background}',
  'incident.background': ' [background]',
  'incident.reportDate': '{date} (report date)',
  'incident.dateUnknown': 'date unknown',
  'place.unknown': 'place: unknown',
  'place.line': 'place: {name}{area}, precision {precision} — {words}{choice}',
  'place.choice': ' (by {by}, over {other} in {admin1})',
  'actors.line': 'actors: {actor1} {arrow} {actor2}',
  'actors.with': '(with {assoc})',
  unattributed: 'unattributed',
  'claim.party': ' (a party)',
  'fatalities.line': 'fatalities: low {low}, best {best}, high {high}',
  'tally.line': 'tally{claimant}: {figures}',
  warning: 'warning: {text}',
  'figure.some': 'some',
  'figure.victim': '{figure} {victim}',
  'qualifier.exact': '{count}',
  'qualifier.approx': 'about {count}',
  'qualifier.at_least': 'at least {count}',
  'qualifier.more_than': 'more than {count}',
  'qualifier.up_to': 'up to {count}',
  'qualifier.unspecified': '{count}',
  'measure.killed': 'killed',
  'measure.injured': 'injured',
  'measure.detained': 'detained',
  'measure.missing': 'missing',
  'measure.killed_or_injured': 'killed or injured',
  'review.head': '{id}  [{status}]  {sub}  {when}',
  'review.statusBy': '{status} by {by} {at}',
  'review.noDate': 'no date',
  'review.placeUnknown': 'place unknown',
  'review.place': '{name}, {admin1}, precision {precision}',
  'review.sides': '{actor1} {arrow} {actor2}{toll}',
  'review.toll': '  killed {low}/{best}/{high} (low/best/high)',
  'review.report': 'report {incident}  {outlet}  {url}',
  'review.first': 'first report',
  'review.linked': 'linked: {why}',
  'review.words': 'words: {words}',
  'review.noWords': 'no words tied to a field',
  'review.claim': 'claim {who}: {figures}',
  'review.shown': '{count} event(s) shown, from {store}',
  'field.date': 'date',
  'field.place': 'place',
  'field.actor1': 'actor1',
  'field.actor2': 'actor2',
  'field.assoc1': 'assoc1',
  'field.assoc2': 'assoc2',
  'status.unreviewed': 'unreviewed',
  'status.reviewed': 'reviewed',
  'status.verified': 'verified',
  'status.disputed': 'disputed',
  'status.rejected': 'rejected',
  'set.done': '{event}: {before} → {after}, set by {by} at {at} (audit #{entry})',
  'set.same': '{event}: {status} already; nothing changed',
  'decide.same': '{a} and {b}: the same act, decided by {by}; their events are regrouped',
  'decide.different': '{a} and {b}: different acts, decided by {by}; their events are regrouped',
  'decide.detached': '{incident} left the event: now in {event}',
  'decide.noEvent': 'no event',
  'cli.warning': 'warning:',
  'help.exitStatus':
    'Exit status: 0 all done; 1 some inputs failed; 2 a usage error; 3 the database is unreachable\nor missing; 74 the disk under the store is full; 75 another process holds the embedded store\n(try again when it has finished).',
  'arg.date': 'expected a date as YYYY-MM-DD',
  'arg.notDay': '{value} is not a day of the calendar',
  'arg.size': 'expected a size in MB',
  'arg.degrees': 'expected decimal degrees between -{limit} and {limit}',
  'arg.positive': 'expected a whole number above 0',
  'arg.oneOf': 'expected one of {values}',
  'commander.invalid': 'error: option {option} argument {value} is invalid. {why}',
  'commander.unknownOption': 'error: unknown option {option}{rest}',
  'commander.unknownCommand': 'error: unknown command {command}{rest}',
  'commander.missingArgument': 'error: missing required argument {argument}',
  'commander.missingOption': 'error: required option {option} not specified',
  'commander.optionValue': 'error: option {option} argument missing',
  'commander.tooMany': 'error: too many arguments{rest}',
  'store.missing':
    '{location}: no wathiq store here; ingest reports first, or name the store with --data DIR, WATHIQ_DATA or --db URL',
  'store.unreachable': '{location}: database unreachable ({detail})',
  'store.uncreatable': '{location}: could not create the store ({detail})',
  'store.busy':
    'the store at {folder} is in use by {command}, pid {pid}{where}, since {since}; try again when it has finished',
  'store.busyHost': ' on {host}',
  'store.full':
    'the disk holding the store at {location} is full (ENOSPC): nothing more was stored; free some space and run the command again, it resumes where it stopped',
  'store.fullRoom':
    'the disk holding the store at {location} is full (ENOSPC): {free} MB free, and the store needs {needed} MB free to go on; free some space and run the command again, it resumes where it stopped',
  'ingest.summary': '{total} reports in {seconds} s ({rate}/s): {parts}',
  'ingest.added': '{n} added',
  'ingest.known': '{n} already have',
  'ingest.sameText': '{n} same text as one stored',
  'ingest.completed': '{n} of them given facts they lacked, and read again',
  'ingest.notCompleted':
    'not given the facts it lacked ({facts}): it could not be read again with them: {reason}',
  'ingest.differs':
    'stored before with {fact} {stored}; {given} was not taken: a stored fact is never replaced',
  'ingest.failed': '{n} failed',
  'fact.title': 'title',
  'fact.outlet': 'outlet',
  'fact.url': 'address',
  'fact.published': 'publication date',
  'ingest.stopped': 'stopped: ',
  'ingest.failedHint': ' (wathiq ingest --failed lists them)',
  'ingest.store': '; store: {store}',
  'ingest.bar':
    'ingest {bar} {value}/{total} files | {added} added, {known} known, {failed} failed | {rate}/s',
  'ingest.undated':
    '{count} report(s) have no publication date; their events are dated "unknown" (ACLED time_precision 3):',
  'ingest.undatedMore': '  … and {count} more',
  'ingest.unmatched':
    "a --manifest row names {path}, which is not among the reports ingested: files are named relative to the manifest's folder",
  'ingest.undatedHow':
    '  give each its date in front matter, three lines at the top of the file:\n      ---\n      published: YYYY-MM-DD\n      ---\n  or a sidecar NAME.meta.json ({"published": "YYYY-MM-DD"}), a row of --manifest FILE\n  (file,url,outlet,published), or --published YYYY-MM-DD for all; then ingest them again',
  'ingest.queueNeedsServer': '--queue needs a server database: --db URL or DATABASE_URL',
  'ingest.nothing': 'name the files or folders to ingest',
  'ingest.failures': '{count} input(s) failed',
  'ingest.queued':
    'queued {queued} reports for the workers (wathiq worker); {known} already stored, {failed} failed',
  'export.done': 'exported {count} events from {store}{to}',
  'export.to': ' to {file}',
  'export.noFolder': '--out {file}: no folder {folder} to write it in',
  'export.hashesFormat':
    "--hashes adds a column to {formats} only, not to {format} (wathiq evidence EVENT gives the captures' hashes)",
  'search.none': 'no report in {store} matches',
  'filter.unknown': 'no {what} «{value}»; the closest are {closest}',
  'filter.actor': 'actor',
  'filter.claimant': 'claimant',
  'filter.type': 'event type',
  'filter.governorate': 'no governorate called «{name}»',
  'evidence.capture': '{sha}  {size} bytes  captured {at}',
  'evidence.source': '  source: {source}',
  'evidence.url': '  url: {url}',
  'evidence.report': '  report: {id}{outlet}{published}',
  'evidence.published': ', published {date}',
  'evidence.undated': ', no publication date',
  'evidence.facts': '  facts: {facts}',
  'evidence.fact': '{fact} from {source}',
  'evidence.saved':
    'saved {count} capture(s) to {dir}, with manifest.json and SHA256SUMS (sha256sum -c SHA256SUMS checks them)',
  'evidence.mismatch': 'capture {sha} ({source}): its stored bytes now hash to {found}{size}',
  'evidence.mismatchSize': ' and are {found} bytes, not {size}',
  'evidence.checked': 'checked {count} capture(s) in {store}: {result}',
  'evidence.allMatch': 'every one matches its SHA-256',
  'evidence.noMatch': '{count} no longer match',
  'evidence.which': 'name an event, a report or a capture, or say verify',
  'evidence.notFound': 'no event, report or capture «{id}» in the store',
  'reprocess.read': 'read again {total} reports, {changed} read differently',
  'reprocess.stopped': 'stopped after {done} of {total} reports, {changed} read differently',
  'reprocess.events':
    'events: {added} added, {removed} removed, {merged} merged, {split} split, {figures} with figures changed, {changed} otherwise changed',
  'reprocess.incidents':
    'incidents: {added} added, {removed} removed, {changed} changed, {kept} kept for a person’s word',
  'reprocess.failed': '{count} reports could not be read again',
  'reprocess.store': '; store: {store}',
  'gazetteer.added': 'added {id} {name} ({kind} in {hierarchy}) in {file}',
  'gazetteer.updated': 'updated {id} {name} ({kind} in {hierarchy}) in {file}',
  'gazetteer.namesake':
    'note: «{name}» also names {others}; yours wins unless a report names another area',
  'gazetteer.noParent': 'parent {parent} is not in the gazetteer',
  'gazetteer.notArabic':
    "{problem}: a place's names are matched in Arabic reports (--name-en takes its English name)",
  'gazetteer.outside': '{problem}; check --lat, --lon and --parent',
  'gazetteer.noSuch': 'no place «{which}» (id or name) in your places file {file}',
  'gazetteer.shipped':
    '{id} {name} is a shipped place, not one you added: only places in {file} can be removed (add one with --id {id} to correct it)',
  'gazetteer.several': '«{which}» names {count} of your places ({list}): remove one by its id',
  'gazetteer.parentOf': '{id} {name} is the parent of {children}: remove those first',
  'gazetteer.removed': 'removed {id} {name} ({hierarchy}) from {file}',
  'gazetteer.imported':
    '{file}: {count} places from a {format} file ({fresh} new, {replaced} replaced){left}',
  'gazetteer.leftOut': '; left out: {list}',
  'gazetteer.userPlaces': 'user places: {file}',
  'gazetteer.noPlace': '«{phrase}»: no place named',
  'gazetteer.notIn': '«{words}»: not in the gazetteer',
  'gazetteer.noReading': '«{words}»: no reading fits ({count} place(s) of that name)',
  'gazetteer.reading':
    '«{words}» {arrow} {id} {ar} / {en} ({hierarchy}) {lat},{lon} precision {precision}{also}',
  'gazetteer.also': '; also {list}',
  'baseline.noFile': '{path}: no such file',
  'baseline.unreadable': '{path}: cannot be read ({code})',
  'baseline.notJson': '{path}: not JSON',
  'baseline.invalid': '{path}: not a baseline: {problem}',
  'problem.empty': 'empty file',
  'problem.binary': 'binary file, not text or HTML',
  'problem.blank': 'no text (only white space)',
  'problem.noHtmlText': 'no readable text in the HTML',
  'problem.isFolder': 'is a folder, not a file',
  'problem.notArabic': 'not an Arabic report ({arabic} Arabic letters of {letters})',
  'problem.tooShort': 'too short to read as a report ({arabic} Arabic letters; at least {min})',
  'problem.tooLarge': '{size} MB is larger than the {max} MB limit for one report',
  'problem.overLimit': 'more than the {max} MB limit for one report',
  'problem.noFile': 'no such file',
  'problem.noFolder': 'no such folder',
  'problem.noFileOrFolder': 'no such file or folder',
  'problem.deniedFile': 'permission denied: wathiq may not read this file',
  'problem.deniedFolder': 'permission denied: wathiq may not read this folder',
  'problem.deniedEither': 'permission denied: wathiq may not read this file or folder',
  'problem.loop': 'a symbolic link that leads back to itself',
  'problem.notDate': 'published «{value}» is not a date (write YYYY-MM-DD)',
  'problem.notDay': 'published {value} is not a day of the calendar',
  'problem.frontPairs': 'expected names and values (published, outlet, url, title)',
  'problem.frontYaml': 'front matter is not YAML ({detail})',
  'problem.notJson': 'not JSON ({detail})',
  'problem.noFileColumn': 'no `file` column (expected file, url, outlet, published)',
  'problem.noFileNamed': 'no file named',
  'problem.emptyFeed': 'a feed without items',
  'problem.badXml': 'not well-formed XML at line {line}, column {column}: {what}',
  'problem.feedEnds': 'the feed ends early ({detail})',
  'problem.unclosed': 'not closed: the feed ends inside this item',
  'problem.strayBytes':
    '{count} byte sequence(s) that are not UTF-8 replaced by U+FFFD; the rest is UTF-8',
  'problem.notArabicName': '«{name}» is not written in Arabic letters',
  'problem.foreignLetter': '«{name}» mixes in a letter that is not Arabic («{letter}»)',
  'problem.outsideSyria':
    "{point} lies outside Syria's governorates, not in {area} where the parent {id} {name} is{hint}",
  'problem.otherGovernorate':
    '{point} lies in {where} governorate, not in {area} where the parent {id} {name} is{hint}',
  'problem.swapped': ' (latitude and longitude swapped?)',
  'problem.notPlace': 'not a place, area or site',
  'problem.noArabicName': 'no Arabic name',
  'problem.noCoordinates': 'no coordinates',
  'problem.syrianArea': 'a Syrian admin area (wathiq has OCHA’s)',
  'problem.known': 'already in the gazetteer',
  'problem.notPlacesFile':
    '{file}: not a GeoNames dump nor a places table (expected the columns {columns})',
  'problem.missingColumns': '{file}: missing column(s) {columns}',
  'problem.emptyId': '{at}: empty id',
  'problem.placeNoName': '{at}: place {id} has no name',
  'problem.unknownKind': '{at}: unknown kind "{kind}"',
  'problem.badLatitude': '{at}: bad latitude "{value}"',
  'problem.badLongitude': '{at}: bad longitude "{value}"',
  'problem.noAdmin': '{at}: place {id} has neither admin columns nor a parent',
  'problem.orphan': 'place {id} («{name}»): parent {parent} is not in the gazetteer',
  'problem.unknownFeature': '{at}: unknown feature "{kind}"',
  'problem.shortPassword': 'a password has at least {count} characters',
  'problem.userName': 'letters, digits, dot, underscore or dash only',
  'problem.userExists': 'there is a user {name} already',
  'problem.noUser': 'no user {name}',
  'problem.noToken': 'no token {id}',
  'problem.lastAdmin': 'the last admin cannot be disabled or made another role',
  'problem.jobFailed': 'its queued job failed {count} times (last: {reason})',
  'problem.noGold': 'no gold files (NAME.gold.json) here: nothing to score',
  'problem.notAFolder': 'not a folder',
  'problem.noReportBeside': 'no report file next to {gold}',
  'problem.unmeasured': '{measure} has a baseline but was not measured (links need --link)',
  'problem.belowBaseline': '{measure} {value} is below its baseline {floor}',
  'problem.cancelled': 'cancelled',
  'problem.oneReport': '{a} and {b} cannot be one event: one report tells both; nothing changed',
  'problem.cannotJoin':
    '{a} and {b} cannot be one event: they are dated more than a day apart, or a split keeps one of them from the other’s event; nothing changed',
  'problem.detachOne':
    'joining {a} and {b} would take {list} out of its event (an event holds one incident per report, over at most two days); nothing changed',
  'problem.detachMany':
    'joining {a} and {b} would take {list} out of their events (an event holds one incident per report, over at most two days); nothing changed',
  'problem.noEvent': 'no event {id}',
  'problem.noIncidents': 'no incident {a} nor {b}',
  'problem.noIncidentOfPair': 'no incident of that pair',
  'problem.selfPair': 'an incident is always the same act as itself: name two',
  'problem.captureChanged':
    'capture {sha} ({source}) no longer matches its hash; run wathiq evidence verify',
  'account.noTerminal': 'no terminal to type a password at: give it with --password-stdin',
  'account.prompt': 'password (at least {count} characters): ',
  'account.again': 'the same password again: ',
  'account.differ': 'the two passwords differ',
  'account.added': 'added {name} ({role})',
  'account.disabledNote': 'disabled',
  'account.totpNote': 'second factor',
  'account.none': 'no users yet: wathiq user add NAME --role admin',
  'account.role': '{name}: {role}',
  'account.roleAlready': '{name}: {role} already',
  'account.disabled': '{name}: disabled',
  'account.disabledAlready': '{name}: disabled already',
  'account.enabled': '{name}: enabled',
  'account.enabledAlready': '{name}: enabled already',
  'account.password': '{name}: new password set; their sessions have ended',
  'token.created':
    'token {id} for {user}: send it as «Authorization: Bearer TOKEN»; it is not shown again',
  'token.lastUsed': 'last used {at}',
  'token.never': 'never',
  'token.revokedState': 'revoked',
  'token.revokedAlready': 'token {id} was revoked already',
  'token.revoked': 'token {id} revoked',
  'worker.needsServer': 'a worker needs a server database: --db URL or DATABASE_URL',
  'worker.bundleFailed': 'a bundle of reports failed: {reason}',
  'worker.done': 'worker: {done} reports, {failed} failed',
  'serve.noUsers':
    'no users yet, so nobody can sign in. Make the first one with\n  wathiq user add NAME --role admin',
  'serve.serving': 'serving {store} at {url}',
  'start.stored': '{count} example reports stored in {store}',
  'start.signIn': 'sign in as {admin} with the password {password}',
  'start.once': '(shown this once; `wathiq user password admin` sets a new one)',
  'start.reusing': 'reusing {store}; sign in as {admin} with the password shown at the first start',
  'start.open': 'open {url} (Ctrl-C stops)',
  'eval.failed': 'failed: {file}: {problem}',
  'eval.documents': 'documents: {count}',
  'eval.none': 'score: none (no document scored)',
  'eval.counts': '{name}: P {p} R {r} F1 {f1} (tp {tp}, fp {fp}, fn {fn})',
  'eval.ratio': '{name}: {value} ({hit}/{total})',
  'eval.tallies': 'tallies: found {found}, gold {gold}',
  'eval.score': 'score: {value}',
  'eval.incidents': 'incidents',
  'eval.background': 'background',
  'eval.figures': 'figures',
  'eval.figuresLoose': 'figures (measure, count)',
  'eval.links': 'links (same-event pairs of reports)',
  'eval.date': 'date',
  'eval.place': 'place',
  'eval.event_type': 'event_type',
  'eval.sub_event_type': 'sub_event_type',
  'eval.actor1': 'actor1',
  'eval.actor2': 'actor2',
};

/** ACLED's event and sub-event types in Arabic, as the review app names them. */
const TYPES_AR: Readonly<Record<EventType | SubEventType, string>> = {
  Battles: 'معارك',
  'Explosions/Remote violence': 'انفجارات وعنف عن بعد',
  'Violence against civilians': 'عنف ضد المدنيين',
  Protests: 'احتجاجات',
  Riots: 'أعمال شغب',
  'Strategic developments': 'تطورات استراتيجية',
  'Armed clash': 'اشتباك مسلح',
  'Government regains territory': 'استعادة الحكومة أراضي',
  'Non-state actor overtakes territory': 'سيطرة جهة غير حكومية على أراض',
  'Chemical weapon': 'سلاح كيميائي',
  'Air/drone strike': 'غارة جوية أو بطائرة مسيرة',
  'Suicide bomb': 'تفجير انتحاري',
  'Shelling/artillery/missile attack': 'قصف مدفعي أو صاروخي',
  'Remote explosive/landmine/IED': 'عبوة ناسفة أو لغم',
  Grenade: 'قنبلة يدوية',
  'Sexual violence': 'عنف جنسي',
  Attack: 'اعتداء',
  'Abduction/forced disappearance': 'خطف أو إخفاء قسري',
  'Peaceful protest': 'احتجاج سلمي',
  'Protest with intervention': 'احتجاج تم التدخل فيه',
  'Excessive force against protesters': 'قوة مفرطة ضد المحتجين',
  'Violent demonstration': 'مظاهرة عنيفة',
  'Mob violence': 'عنف جماعي',
  Agreement: 'اتفاق',
  Arrests: 'اعتقالات',
  'Change to group/activity': 'تغيير في جماعة أو نشاط',
  'Disrupted weapons use': 'إحباط استخدام سلاح',
  'Headquarters or base established': 'إنشاء مقر أو قاعدة',
  'Looting/property destruction': 'نهب أو تدمير ممتلكات',
  'Non-violent transfer of territory': 'انتقال أراض دون عنف',
  Other: 'أخرى',
};

const TYPE_AR = new Map<string, string>(Object.entries(TYPES_AR));

/** First strong isolate … pop directional isolate (Unicode bidi, UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';
const ARABIC = /\p{Script=Arabic}/u;

/**
 * A value set in a line of the other direction, isolated so that it cannot
 * reorder its neighbours: Arabic inside an English line, and ids, dates, URLs
 * and English names inside an Arabic one. Numbers alone need no isolate.
 */
export function isolate(lang: Lang, text: string): string {
  if (text === '' || /^[\d\s.,:/-]+$/.test(text)) return text;
  const arabic = ARABIC.test(text);
  return arabic === (lang === 'en') ? `${FSI}${text}${PDI}` : text;
}

/** What the command line prints, in one language: strings, names and figures. */
export interface Words {
  readonly lang: Lang;
  /** The string for `key` with its `{name}`s filled (values are put in as given). */
  t(key: Key, params?: Readonly<Record<string, string | number>>): string;
  /** A value from a report or the store, isolated for this language's lines. */
  v(text: string): string;
  /** An actor's name for its id (the id itself when the dictionaries do not know it). */
  actor(id: string): string;
  /** A claimant's name for its id. */
  claimant(id: string): string;
  /** An ACLED event or sub-event type, in this language. */
  type(name: string): string;
  /** «killed at least 4 Syrian Democratic Forces»: a figure in a few words. */
  figure(f: Figure): string;
  /** Report words in «», isolated. */
  quote(words: string): string;
}

/** A message in one language, its `{name}`s filled (values are put in as given; unknown ones stay). */
export type Translate = (key: Key, params?: Readonly<Record<string, string | number>>) => string;

/** A Latin letter: what makes a stretch of ASCII an option, a file name or a code. */
const LATIN = /[a-z]/i;

const OPENING = new Set(['(', '«']);
const CLOSING = new Set([')', '»', ':', ';', ',']);

/** The Latin words in a stretch of ASCII of an Arabic message, from the first to the last, isolated. */
function isolateRun(run: string): string {
  const words = run.split(' ');
  const latin = words.map((w) => LATIN.test(w));
  const first = latin.indexOf(true);
  if (first < 0) return run;
  const last = latin.lastIndexOf(true);
  // Brackets and punctuation around the run stay in the Arabic line, where they mirror as it reads.
  const seg = words.slice(first, last + 1).join(' ');
  let start = 0;
  while (start < seg.length && OPENING.has(seg.charAt(start))) start++;
  let end = seg.length;
  while (end > start && CLOSING.has(seg.charAt(end - 1))) end--;
  return [
    ...words.slice(0, first),
    `${seg.slice(0, start)}${FSI}${seg.slice(start, end)}${PDI}${seg.slice(end)}`,
    ...words.slice(last + 1),
  ].join(' ');
}

/**
 * An Arabic message with the Latin it holds itself («--db URL», «SHA-256»,
 * «wathiq ingest --failed») isolated, as values are: a terminal then cannot
 * carry the Arabic around it into the wrong order. `{name}`s are left whole.
 */
export function isolateLatin(template: string): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? part : part.replace(/[\x20-\x7e]+/g, isolateRun)))
    .join('');
}

const ISOLATED: Readonly<Record<Lang, Readonly<Record<Key, string>>>> = {
  ar: Object.fromEntries(Object.entries(AR).map(([k, v]) => [k, isolateLatin(v)])) as Record<
    Key,
    string
  >,
  en: EN,
};

/** The messages of one language. */
export function translator(lang: Lang): Translate {
  const table = ISOLATED[lang];
  return (key, params = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
}

/** `--lang` as given anywhere on the command line, read before the commands parse theirs. */
let chosen: Lang | undefined;

/**
 * The language of this run's messages: main reads `--lang` from the whole
 * command line first, so that a message made before a command's options are
 * parsed (a value an option refuses, a store that is not there) speaks it too.
 */
export function chooseLang(argv: readonly string[]): void {
  chosen = undefined;
  argv.forEach((arg, k) => {
    const value = arg === '--lang' ? argv[k + 1] : arg.startsWith('--lang=') ? arg.slice(7) : null;
    const lang = LANGS.find((l) => l === value);
    if (lang !== undefined) chosen = lang;
  });
}

/** The language of this run: `--lang`, else the locale. */
export function currentLang(): Lang {
  return langOf(chosen);
}

/** A message in this run's language; values from reports, files or the store go through `iso`. */
export function say(key: Key, params: Readonly<Record<string, string | number>> = {}): string {
  return translator(currentLang())(key, params);
}

/** A value (a path, a name, a report's words) isolated for a line of this run's language. */
export function iso(text: string): string {
  return isolate(currentLang(), text);
}

/** The words of one language, with the names the dictionaries give actors and claimants. */
export function wordsFor(lang: Lang, lexicon: Pick<Lexicon, 'actors' | 'claimants'>): Words {
  const t: Words['t'] = translator(lang);
  const v = (text: string): string => isolate(lang, text);
  const named = (info: { name: string; nameAr: string } | undefined, id: string): string =>
    v(info === undefined ? id : lang === 'ar' ? info.nameAr : info.name);
  const words: Words = {
    lang,
    t,
    v,
    actor: (id) => named(lexicon.actors.get(id), id),
    claimant: (id) => named(lexicon.claimants.get(id), id),
    type: (name) => v(lang === 'ar' ? (TYPE_AR.get(name) ?? name) : name),
    figure(f) {
      const count =
        f.count === null
          ? t('figure.some')
          : t(`qualifier.${f.qualifier satisfies Qualifier}`, { count: f.count });
      const figure = `${t(`measure.${f.measure satisfies Measure}`)} ${count}`;
      return f.victim === null
        ? figure
        : t('figure.victim', { figure, victim: words.actor(f.victim) });
    },
    quote: (text) => v(`«${text}»`),
  };
  return words;
}
