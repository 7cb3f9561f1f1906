import { Help } from 'commander';
import type { Command, Option } from 'commander';
import { isolate, isolateLatin } from './i18n.js';
import type { Lang } from './i18n.js';

/**
 * `--help` in Arabic: each description of the command line (commands, options,
 * arguments) by its English words, as main writes them. A description that is a
 * list of values (`csv | acled | ucdp`) stays as it is; `untranslated` lists any
 * other that has no Arabic, and a test keeps that list empty.
 */
const HELP_AR: Readonly<Record<string, string>> = {
  'Arabic reports of violence in Syria in, attributed incident records out':
    'تقارير عربية عن العنف في سوريا تدخل، وسجلات حوادث منسوبة إلى مصادرها تخرج',
  'on an error, print where it happened (the stack trace) too':
    'عند الخطأ، اطبع أيضاً موضع حدوثه (تتبع المكدس)',
  'output the version number': 'اطبع رقم الإصدار',
  'display help for command': 'اعرض المساعدة للأمر',
  'language of what a person reads: ar | en (default: from LC_ALL/LANG)':
    'لغة ما يقرؤه الشخص: ar | en (المبدئي: من LC_ALL/LANG)',
  'your wathiq data folder (default: $WATHIQ_DATA or ./wathiq-data)':
    'مجلد بيانات wathiq الخاص بك (المبدئي: $WATHIQ_DATA أو ./wathiq-data)',
  'a PostgreSQL server (default: $DATABASE_URL, else the embedded database)':
    'خادم PostgreSQL (المبدئي: $DATABASE_URL، وإلا فقاعدة البيانات المدمجة)',
  'print the incidents each report holds (no database)':
    'اطبع الحوادث التي يحملها كل تقرير (دون قاعدة بيانات)',
  '.txt or .html reports, RSS/Atom feeds and .ndjson files (a result per item), or - for standard input':
    'تقارير .txt أو .html، وخلاصات RSS/Atom وملفات .ndjson (نتيجة لكل عنصر)، أو - للمدخل القياسي',
  'publication date (YYYY-MM-DD) for reports that do not carry one':
    'تاريخ النشر (YYYY-MM-DD) للتقارير التي لا تحمله',
  'outlet for reports that do not name one': 'الوسيلة الإعلامية للتقارير التي لا تسميها',
  'address of the report, when it does not carry one': 'عنوان التقرير، حين لا يحمله',
  'print a JSON array of document results (`wathiq schema` describes one)':
    'اطبع مصفوفة JSON من نتائج الوثائق (يصف wathiq schema الواحدة منها)',
  'print one JSON document result per line': 'اطبع نتيجة وثيقة JSON في كل سطر',
  'print, under each incident, the rules that decided each field':
    'اطبع تحت كل حادثة القواعد التي حسمت كل حقل',
  'largest report to read': 'أكبر تقرير يُقرأ',
  'print the JSON Schema of a document result, as `extract --json|--ndjson` prints it':
    'اطبع مخطط JSON Schema لنتيجة الوثيقة، كما يطبعها extract --json|--ndjson',
  'store reports (files, folders, feeds, NDJSON), link them into events':
    'خزّن التقارير (ملفات، مجلدات، خلاصات، NDJSON) واربطها في أحداث',
  'files and folders; RSS/Atom feeds and .ndjson files hold several reports; - for standard input':
    'ملفات ومجلدات؛ في خلاصات RSS/Atom وملفات .ndjson عدة تقارير؛ - للمدخل القياسي',
  'a CSV or TSV with a row per report: file, url, outlet, published (title)':
    'ملف CSV أو TSV فيه صف لكل تقرير: file, url, outlet, published (title)',
  'address of the report, for a single report or standard input':
    'عنوان التقرير، لتقرير واحد أو للمدخل القياسي',
  'put the reports in the server queue for `wathiq worker` instead':
    'ضع التقارير بدلاً من ذلك في طابور الخادم لـwathiq worker',
  'list the inputs that failed, with the reason': 'اسرد المدخلات التي فشلت، مع السبب',
  'no progress bar, even on a terminal': 'دون شريط تقدم، حتى على طرفية',
  'a line per stored batch on standard error (for logs)':
    'سطر لكل دفعة مخزنة على مخرج الأخطاء (للسجلات)',
  'reports per queued job, and per transaction up to 4 MB and 100 reports, 200 on a server (default: as many as a transaction holds)':
    'تقارير كل مهمة في الطابور، وكل معاملة حتى 4 ميغابايت و100 تقرير، و200 على خادم (المبدئي: ما تتسع له المعاملة)',
  'ingest reports from the server queue (run as many as you like, anywhere)':
    'أدخل التقارير من طابور الخادم (شغّل منه ما شئت من النسخ، في أي مكان)',
  'the PostgreSQL server (default: $DATABASE_URL)': 'خادم PostgreSQL (المبدئي: $DATABASE_URL)',
  'stop when the queue is empty instead of waiting for more':
    'توقف حين يفرغ الطابور بدل انتظار المزيد',
  'write the stored events in a format, filtered': 'اكتب الأحداث المخزنة بصيغة ما، مصفّاة',
  'write to a file instead of standard output': 'اكتب في ملف بدل المخرج القياسي',
  'events on or after this day': 'الأحداث في هذا اليوم أو بعده',
  'events on or before this day': 'الأحداث في هذا اليوم أو قبله',
  'a governorate: p-code, English or Arabic name': 'محافظة: رمزها أو اسمها الإنجليزي أو العربي',
  'an actor id, as doer or target (vocabulary.md)': 'معرّف طرف، فاعلاً أو مستهدفاً (vocabulary.md)',
  'an event type or sub-event type': 'نوع حدث أو نوع فرعي',
  'words in the event (Arabic spelling variants match)':
    'كلمات في الحدث (تطابق صيغ الإملاء العربية المختلفة)',
  'events with figures from this claimant': 'أحداث فيها أرقام من مصدر الادعاء هذا',
  'review status': 'حالة المراجعة',
  'read stored reports again after the gazetteer, the dictionaries or wathiq changed; people’s corrections and decisions are kept':
    'أعد قراءة التقارير المخزنة بعد تغير المعجم الجغرافي أو القواميس أو wathiq؛ تبقى تصحيحات الناس وقراراتهم',
  'reports of events on or after this day': 'تقارير الأحداث في هذا اليوم أو بعده',
  'reports of events on or before this day': 'تقارير الأحداث في هذا اليوم أو قبله',
  'reports of events in a governorate: p-code, English or Arabic name':
    'تقارير الأحداث في محافظة: رمزها أو اسمها الإنجليزي أو العربي',
  'reports of events with this actor, as doer or target':
    'تقارير الأحداث التي فيها هذا الطرف، فاعلاً أو مستهدفاً',
  'reports of events of an event type or sub-event type': 'تقارير الأحداث من نوع أو نوع فرعي',
  'reports of events with these words': 'تقارير الأحداث التي فيها هذه الكلمات',
  'reports of events with figures from this claimant':
    'تقارير الأحداث التي فيها أرقام من مصدر الادعاء هذا',
  'reports of events with this review status': 'تقارير الأحداث التي لها حالة المراجعة هذه',
  'only this outlet’s reports': 'تقارير هذه الوسيلة الإعلامية فقط',
  'reports read again per transaction (default 50)':
    'التقارير المعاد قراءتها في كل معاملة (المبدئي 50)',
  'a line per change: events added, merged, split, figures changed…':
    'سطر لكل تغيير: أحداث أضيفت أو دُمجت أو قُسمت، أرقام تغيرت…',
  'find stored reports by words (normalized Arabic, spelling variants too)':
    'ابحث في التقارير المخزنة بالكلمات (عربية موحدة، وصيغ الإملاء المختلفة أيضاً)',
  'what to look for': 'ما يُبحث عنه',
  'how many reports': 'كم تقريراً',
  'events for a person to check: list them, set their status, split or join incidents':
    'أحداث ليتحقق منها شخص: اسردها، عيّن حالتها، افصل الحوادث أو اجمعها',
  'events with this review status (default unreviewed)':
    'الأحداث التي لها حالة المراجعة هذه (المبدئي unreviewed)',
  'only events that join several reports': 'الأحداث التي تجمع عدة تقارير فقط',
  'how many events (default 20)': 'كم حدثاً (المبدئي 20)',
  'set an event’s review status': 'عيّن حالة مراجعة حدث',
  'the event id': 'معرّف الحدث',
  'who decides, for the audit log (default: the login name)':
    'من يقرر، لسجل التدقيق (المبدئي: اسم الدخول)',
  'two incidents are different acts: never in one event':
    'حادثتان فعلان مختلفان: لا تكونان في حدث واحد أبداً',
  'two incidents are the same act: always in one event':
    'حادثتان فعل واحد: تكونان دائماً في حدث واحد',
  'an incident id as `review` lists it (DOCUMENT#iN)': 'معرّف حادثة كما يسردها review (DOCUMENT#iN)',
  'the other incident': 'الحادثة الأخرى',
  'join even if a third incident must leave the event (each one is named)':
    'اجمع حتى لو وجب أن تخرج حادثة ثالثة من الحدث (تُسمّى كل واحدة)',
  'the HTTP API and the review app, for a team (accounts: `wathiq user add`)':
    'واجهة HTTP وتطبيق المراجعة، لفريق (الحسابات: wathiq user add)',
  'the port to listen on': 'المنفذ الذي يُستمع عليه',
  'the address to listen on (0.0.0.0: every one)': 'العنوان الذي يُستمع عليه (0.0.0.0: كل العناوين)',
  'the original bytes behind an event or a report: hashes, sources, capture times':
    'البايتات الأصلية وراء حدث أو تقرير: البصمات والمصادر وأوقات الالتقاط',
  'an event id (ev:…), a report id (sha256:…) or a capture’s SHA-256':
    'معرّف حدث (ev:…) أو معرّف تقرير (sha256:…) أو بصمة SHA-256 لملقوط',
  'write the original bytes there, with manifest.json and SHA256SUMS':
    'اكتب البايتات الأصلية هناك، مع manifest.json وSHA256SUMS',
  'hash every stored capture again and report any that no longer match':
    'أعد حساب بصمة كل ملقوط مخزن وأبلغ عن أي واحد لم يعد يطابق',
  'what `npm start` runs: the example reports and an admin on a first start, then the app':
    'ما يشغّله npm start: تقارير الأمثلة ومدير في أول تشغيل، ثم التطبيق',
  'the places wathiq knows: add your own, import more, see how a phrase reads':
    'الأماكن التي يعرفها wathiq: أضف أماكنك، استورد المزيد، وانظر كيف تُقرأ عبارة',
  'add a place (a village, a farm, a checkpoint…) to your places file':
    'أضف مكاناً (قرية، مزرعة، حاجزاً…) إلى ملف أماكنك',
  'its Arabic name as reports write it (Arabic letters only)':
    'اسمه العربي كما تكتبه التقارير (حروف عربية فقط)',
  'latitude (WGS84)': 'خط العرض (WGS84)',
  'longitude (WGS84)': 'خط الطول (WGS84)',
  'the place it lies in (SY1101, C5710…); the point must lie in its governorate':
    'المكان الذي يقع فيه (SY1101, C5710…)؛ يجب أن تقع النقطة في محافظته',
  'other Arabic spellings, separated by |': 'صيغ إملاء عربية أخرى، يفصل بينها |',
  'one of community, neighbourhood, site': 'واحد من community, neighbourhood, site',
  'its English name': 'اسمه الإنجليزي',
  'an id of your own (default: derived from the name and parent)':
    'معرّف من اختيارك (المبدئي: مشتق من الاسم والمكان الأم)',
  'take a place you added or imported out of your places file':
    'أخرج مكاناً أضفته أو استوردته من ملف أماكنك',
  'its id (user:…) or its Arabic name': 'معرّفه (user:…) أو اسمه العربي',
  'import GeoNames dumps (IQ.txt, cities500.txt) or places tables into your places file':
    'استورد ملفات GeoNames (IQ.txt, cities500.txt) أو جداول أماكن إلى ملف أماكنك',
  'GeoNames dump files, or CSV/TSV files in the places format':
    'ملفات GeoNames، أو ملفات CSV/TSV بصيغة ملف الأماكن',
  'show how wathiq reads the places in a phrase (\u2068«غرب مدينة الطبقة»\u2069)':
    'اعرض كيف يقرأ wathiq الأماكن في عبارة («غرب مدينة الطبقة»)',
  'phrases or sentences': 'عبارات أو جمل',
  'score extraction against gold annotations (shared/spec/gold.md)':
    'قِس الاستخراج على التعليقات المرجعية (shared/spec/gold.md)',
  'folders of NAME.txt|html with NAME.gold.json': 'مجلدات فيها NAME.txt|html مع NAME.gold.json',
  'list every miss, to study them': 'اسرد كل إخفاق، لدراسته',
  "also link reports into events and score same-event pairs against manifest.tsv's clusters":
    'اربط التقارير أيضاً في أحداث وقِس أزواج الحدث نفسه على مجموعات manifest.tsv',
  'fail (status 1) when a score falls below the one this JSON file gives it':
    'افشل (الحالة 1) حين تنزل نتيجة تحت ما يعطيها ملف JSON هذا',
  'the people who use `wathiq serve`: add them, give them a role, disable them':
    'الأشخاص الذين يستعملون wathiq serve: أضفهم، أعطهم دوراً، عطّلهم',
  'add a user (the password is asked at the terminal)': 'أضف مستخدماً (تُطلب كلمة المرور في الطرفية)',
  'the sign-in name': 'اسم الدخول',
  'read the password from standard input instead': 'اقرأ كلمة المرور من المدخل القياسي بدلاً من ذلك',
  'who makes the change, for the audit log (default: the login name)':
    'من يُجري التغيير، لسجل التدقيق (المبدئي: اسم الدخول)',
  'every user, their role, disabled or not': 'كل مستخدم، ودوره، ومعطَّل أم لا',
  "change a user's role": 'غيّر دور مستخدم',
  'the user': 'المستخدم',
  'stop a user signing in; their sessions and tokens stop at once':
    'امنع مستخدماً من الدخول؛ تتوقف جلساته ومفاتيحه فوراً',
  'let a disabled user sign in again': 'اسمح لمستخدم معطَّل بالدخول من جديد',
  "set a user's password (asked at the terminal); their sessions end":
    'عيّن كلمة مرور مستخدم (تُطلب في الطرفية)؛ تنتهي جلساته',
  'keys for scripts that use the API': 'مفاتيح للبرامج التي تستعمل الواجهة',
  'make a token for a user and print it (only its hash is kept)':
    'أنشئ مفتاحاً لمستخدم واطبعه (لا تُحفظ إلا بصمته)',
  'whose rights the token carries': 'صاحب الحقوق التي يحملها المفتاح',
  'what it is for (default: script)': 'الغرض منه (المبدئي: script)',
  "the tokens, everyone's or a user's": 'المفاتيح، مفاتيح الجميع أو مفاتيح مستخدم',
  'only this user': 'هذا المستخدم فقط',
  'stop a token working': 'أوقف عمل مفتاح',
  'the token id as `token list` shows it': 'معرّف المفتاح كما يعرضه token list',
  "csv, acled, ucdp: a last column capture_sha256, the SHA-256 of each source report's captured bytes":
    'لـcsv وacled وucdp: عمود أخير capture_sha256، بصمة SHA-256 للبايتات الملتقطة لكل تقرير مصدر',
};

const TITLES_AR: Readonly<Record<string, string>> = {
  'Usage:': 'الاستعمال:',
  'Options:': 'الخيارات:',
  'Global Options:': 'الخيارات العامة:',
  'Commands:': 'الأوامر:',
  'Arguments:': 'المعطيات:',
};

/** A list of values (`csv | acled | ucdp`): the same in every language. */
const VALUES = /^[\w-]+(?: \| [\w-]+)+$/;

function arabic(english: string): string {
  if (english === '' || VALUES.test(english)) return isolate('ar', english);
  const words = HELP_AR[english];
  return words === undefined ? isolate('ar', english) : isolateLatin(words);
}

/** Commander's `(default: 8080)` after an option's description, in Arabic. */
function arabicOption(option: Option): string {
  const english = new Help().optionDescription(option);
  const extra = english.slice(option.description.length).trim();
  const m = /^\(default: (.*)\)$/.exec(extra);
  const rest = m === null ? isolate('ar', extra) : `(المبدئي: ${isolate('ar', m[1] ?? '')})`;
  return [arabic(option.description), rest].filter((part) => part !== '').join(' ');
}

const ARABIC_HELP: Partial<Help> = {
  // Commander wraps at spaces, and a line cut inside an isolate would leave it open: the terminal wraps.
  helpWidth: Number.MAX_SAFE_INTEGER,
  styleTitle: (title) => TITLES_AR[title] ?? title,
  styleUsage: (usage) => isolate('ar', usage),
  styleOptionTerm: (term) => isolate('ar', term),
  styleSubcommandTerm: (term) => isolate('ar', term),
  styleArgumentTerm: (term) => isolate('ar', term),
  commandDescription: (command) => arabic(command.description()),
  subcommandDescription: (command) => arabic(command.summary() || command.description()),
  argumentDescription: (argument) => arabic(argument.description),
  optionDescription: arabicOption,
};

function commandsOf(command: Command): Command[] {
  return [command, ...command.commands.flatMap(commandsOf)];
}

/** Gives every command's `--help` the words of the run's language. */
export function localizeHelp(cli: Command, lang: Lang): void {
  if (lang === 'en') return;
  for (const command of commandsOf(cli)) command.configureHelp(ARABIC_HELP);
}

/** The descriptions of the command line that have no Arabic (a test keeps this empty). */
export function untranslated(cli: Command): string[] {
  const missing = new Set<string>();
  for (const command of commandsOf(cli)) {
    const described = [
      command.description(),
      ...command.options.map((o) => o.description),
      ...command.registeredArguments.map((a) => a.description),
    ];
    for (const text of described)
      if (text !== '' && !VALUES.test(text) && HELP_AR[text] === undefined) missing.add(text);
  }
  return [...missing];
}
