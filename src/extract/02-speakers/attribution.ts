import { countBelow, flatMapped } from '../../text/index.js';
import type { Sentence } from '../../text/index.js';
import type { Analysis, Annotation, RuleUse } from '../01-read/index.js';
import {
  ISSUED,
  SOURCE_LINKS,
  SOURCE_NOUNS,
  SUBJECT_END,
  because,
  firstFrom,
  someAt,
  startingIn,
  within,
} from '../01-read/index.js';
import type { AttributionEntry } from '../../lexicon/index.js';
import { resolveEntities } from './entities.js';
import type { EntityMention } from './entities.js';

/** Who speaks, and the words that name them (null: the outlet itself). */
export interface Source {
  readonly claimant: string | null;
  /** The rules that found the speaker. */
  readonly rules: readonly RuleUse[];
  /** Tokens `[start, end)` of the name, when there is one. */
  readonly mention: { readonly start: number; readonly end: number } | null;
}

/** A stretch of text one source speaks for. */
interface Frame {
  readonly source: Source;
  readonly from: number;
  readonly to: number;
  /** Where the words describing the speaker end («مصادر أهلية في ريف الرقة، بأن…»). */
  readonly speakerEnd: number | undefined;
  /** The words naming a speaker that closes a stretch («بحسب صفحة "السويداء 24"»). */
  readonly zone: { readonly start: number; readonly end: number } | undefined;
}

/**
 * Every frame made here, with all its fields in one order: frames made by
 * literals of three, four and five fields, and spreads, took more shapes than
 * V8 keeps apart, and reading a frame's bounds at every token went through
 * its generic look-up (~180 a report).
 */
function frameOf(
  source: Source,
  from: number,
  to: number,
  speakerEnd?: number,
  zone?: Frame['zone'],
): Frame {
  return { source, from, to, speakerEnd, zone };
}

const OUTLET: Source = {
  claimant: null,
  mention: null,
  rules: [because('speakers/the-outlet-itself')],
};
const SUBJECT_WINDOW = 20;
/** The speaker follows the verb closely, titles and names aside («قال العقيد سامر الأحمد قائد شرطة المنطقة»). */
const SPEAKER_REACH = 7;
/** A speaker named before its verb is close to it («المصادر قالت», «صفحات محلية … أشارت»). */
const SPEAKER_BEFORE = 9;
const ACCORDING_WINDOW = 7;

interface Builder {
  readonly analysis: Analysis;
  readonly entities: readonly EntityMention[];
  /** The last source that spoke, for «وأضاف» and «المصادر». */
  last: Source | null;
}

function tokenText(b: Builder, i: number): string {
  return b.analysis.tokens[i]?.text ?? '';
}

function isSourceNoun(b: Builder, e: EntityMention): boolean {
  return (
    e.end - e.start === 1 &&
    (b.analysis.tokens[e.start]?.keys ?? []).some((k) => SOURCE_NOUNS.has(k))
  );
}

/** A name made definite, after «و» or «ف» at most. */
const DEFINITE_NAME = /^[وف]?(?:ال|لل)/;

function isDefinite(b: Builder, e: EntityMention): boolean {
  const t = b.analysis.tokens[e.start];
  return t !== undefined && DEFINITE_NAME.test(t.text);
}

function sourceOf(e: EntityMention, rule: string): Source {
  return { claimant: e.claimant, mention: { start: e.start, end: e.end }, rules: [because(rule)] };
}

/**
 * A source as told again with one more rule, its fields written out in the
 * order of every other source: a spread of a source gave it another shape,
 * and the rules store and read sources of several shapes on V8's slow path
 * (a miss to the runtime at each store).
 */
function toldAgain(
  source: Source,
  rule: string,
  mention: Source['mention'] = source.mention,
): Source {
  return { claimant: source.claimant, mention, rules: [...source.rules, because(rule)] };
}

/** «المصادر», «الشبكة», «الوكالة»: the source last named, if there is one. */
function anaphor(b: Builder, e: EntityMention): Source {
  return b.last !== null && b.last.claimant !== null
    ? toldAgain(b.last, 'speakers/definite-source-noun-points-back', {
        start: e.start,
        end: e.end,
      })
    : sourceOf(e, 'speakers/generic-source');
}

function firstEntity(
  b: Builder,
  from: number,
  to: number,
  pred: (e: EntityMention) => boolean,
): EntityMention | undefined {
  // The entities are in text order: those starting in [from, to) are a run of them.
  return b.entities
    .slice(firstFrom(b.entities, from), firstFrom(b.entities, to))
    .find((e) => e.claimant !== null && pred(e));
}

function isComplementizer(a: Annotation<AttributionEntry>): boolean {
  return a.entry.attribution === 'complementizer';
}

function isRelayVerb(a: Annotation<AttributionEntry>): boolean {
  return a.entry.attribution === 'relay_verb';
}

function isRelay(a: Annotation<AttributionEntry>): boolean {
  return a.entry.attribution === 'relay';
}

function isVia(a: Annotation<AttributionEntry>): boolean {
  return a.entry.attribution === 'via';
}

/**
 * The speaker after a reporting verb: the first named source before the
 * complementizer or colon. A generic source noun («مصدر في الفرقة الساحلية
 * التابعة للجيش الحر») gives way to the group it belongs to; a generic outlet
 * («شبكة عين الفرات») is a local source; «نقلت X عن Y» is Y when X is unnamed;
 * «أعلن التنظيم عبر وكالة أعماق» is the channel.
 */
function subjectAfter(
  b: Builder,
  verb: Annotation<AttributionEntry>,
  to: number,
): { source: Source; end: number; speakerEnd: number } | null {
  const from = verb.end;
  // «قالت المصادر: "…"», «وقال "…"»: direct speech follows, the speaker is not after the verb;
  // but a few quoted words naming a source are its name («وذكر "الدفاع المدني" أن…»).
  const speech = opensQuote(b, from) && quotedName(b, from, to) === null;
  if (speech || tokenText(b, from) === ':') return null;
  let end = Math.min(to, from + SUBJECT_WINDOW);
  let claimStart = -1;
  for (let i = from; i < end; i++) {
    // «بيان صادر عن الوزارة»: this «عن» names who issued the statement, it opens no claim.
    const issued = ISSUED.has(tokenText(b, i - 1));
    const complementizer =
      !issued && someAt(b.analysis.annotations.attribution, i, isComplementizer);
    // «وقال المقدم … في محافظة اللاذقية "ضمن هجوم…"»: speech opens; a short quote is a name.
    const speech = opensQuote(b, i) && quotedName(b, i, to) === null;
    if (complementizer || speech || SUBJECT_END.has(tokenText(b, i))) {
      end = i;
      claimStart = i;
      break;
    }
  }
  const first = firstEntity(b, from, Math.min(end, from + SPEAKER_REACH), () => true);
  if (first === undefined) return null;
  let chosen: EntityMention = first;
  if (first.generic && isSourceNoun(b, first)) {
    chosen = groupOfSource(b, first, end) ?? first;
  }
  let source =
    chosen.generic && isDefinite(b, chosen)
      ? anaphor(b, chosen)
      : sourceOf(
          chosen,
          chosen === first ? 'speakers/subject-of-reporting-verb' : 'speakers/source-of-a-group',
        );
  let subjectEnd = chosen.end;
  const marks = b.analysis.annotations.attribution;
  const relayVerb = within(marks, verb.start, verb.end).some(isRelayVerb);
  const relay = startingIn(marks, chosen.end, end + 1).find(isRelay);
  if (relayVerb && relay !== undefined && (chosen.generic || source.claimant === null)) {
    const relayed = firstEntity(b, relay.end, Math.min(relay.end + 4, to), () => true);
    if (relayed !== undefined) {
      source = sourceOf(relayed, 'speakers/relayed-from');
      subjectEnd = relayed.end;
    }
  }
  const via = startingIn(marks, chosen.end, chosen.end + 3).find(isVia);
  if (via !== undefined) {
    const channel = firstEntity(b, via.end, Math.min(via.end + 3, to), (e) => !e.generic);
    if (channel !== undefined && channel.actor === null) {
      source = sourceOf(channel, 'speakers/through-its-channel');
      subjectEnd = channel.end;
    }
  }
  return { source, end: subjectEnd, speakerEnd: Math.max(subjectEnd, claimStart) };
}

/** «مصدر في الفرقة الساحلية», «مصادر مقربة من الهيئة»: the named group a source noun belongs to. */
function groupOfSource(b: Builder, source: EntityMention, end: number): EntityMention | undefined {
  const group = firstEntity(b, source.end, end, (e) => !e.generic);
  if (group === undefined || group.start - source.end > 3) return undefined;
  for (let i = source.end; i < group.start; i++) {
    const keys = b.analysis.tokens[i]?.keys ?? [];
    if (!keys.some((k) => SOURCE_LINKS.has(k))) return undefined;
  }
  return group;
}

function framesOfVerb(
  b: Builder,
  verb: Annotation<AttributionEntry>,
  sentence: Sentence,
  earlier: readonly Frame[],
): Frame | null {
  if (!relaysSomeone(b, verb)) return null;
  const subject =
    verb.entry.afterSubject === true ? null : subjectAfter(b, verb, sentence.tokenEnd);
  if (subject !== null) {
    return frameOf(subject.source, subject.end, sentence.tokenEnd, subject.speakerEnd);
  }
  // «المرصد … أفاد», «صفحات محلية عبر مواقع التواصل، أشارت…»: the speaker before the verb.
  const nearest = Math.max(sentence.tokenStart, verb.start - SPEAKER_BEFORE);
  const before = b.entities
    .slice(firstFrom(b.entities, nearest), firstFrom(b.entities, verb.start))
    .findLast(
      (e) =>
        e.claimant !== null &&
        e.end <= verb.start &&
        !startingIn(b.analysis.annotations.attribution, e.end, verb.start).some(
          (a) => a.entry.attribution === 'verb' || a.entry.attribution === 'according_to',
        ),
    );
  if (before !== undefined)
    return frameOf(
      sourceOf(before, 'speakers/named-before-reporting-verb'),
      verb.end,
      sentence.tokenEnd,
    );
  // «…، مشيرا إلى أن…»: the speaker of this sentence goes on, else the last one.
  const speaking = earlier.filter((f) => f.source.claimant !== null).at(-1)?.source ?? b.last;
  if (
    speaking !== null &&
    (verb.entry.attribution === 'continuation' || isOpening(b, sentence, verb))
  ) {
    return frameOf(toldAgain(speaking, 'speakers/goes-on-speaking'), verb.end, sentence.tokenEnd);
  }
  return null;
}

/** «نقلت الوكالة عن مصادر» relays; «سيارة نقل ركاب», «نقل الجرحى إلى المشفى» carry. */
function relaysSomeone(b: Builder, verb: Annotation<AttributionEntry>): boolean {
  const marks = b.analysis.annotations.attribution;
  const relayVerb = someAt(marks, verb.start, isRelayVerb);
  if (!relayVerb) return true;
  for (let i = verb.end; i <= verb.end + RELAY_REACH; i++) {
    if (someAt(marks, i, isRelay)) return true;
    // «سيارة نقل ركاب مدنية، ما أسفر عن»: the «عن» of another phrase.
    if (b.analysis.tokens[i]?.kind === 'punct') return false;
  }
  return false;
}

/** «ونقلت الصفحة الرسمية للوزارة على موقع فيسبوك عنه»: how far the «عن» of a relay may be. */
const RELAY_REACH = 9;

/** A reporting verb that opens its sentence («وأكد البيان…», «وأضافت…»). */
function isOpening(b: Builder, sentence: Sentence, verb: Annotation<AttributionEntry>): boolean {
  return verb.start <= sentence.tokenStart + 1 && b.analysis.tokens[verb.start] !== undefined;
}

/** «بحسب المرصد», «وفق روايات شهود عيان»: closes the clause before it, or opens the sentence after it. */
function frameOfAccording(
  b: Builder,
  a: Annotation<AttributionEntry>,
  sentence: Sentence,
  previousEnd: number,
): Frame | null {
  const named = firstEntity(
    b,
    a.end,
    Math.min(sentence.tokenEnd, a.end + ACCORDING_WINDOW),
    () => true,
  );
  if (named === undefined) {
    // «بحسب "السويداء 24"»: a quoted name wathiq does not know is a local outlet or page.
    const quoted = quotedName(b, a.end, sentence.tokenEnd);
    if (quoted === null) return null;
    const source: Source = {
      claimant: 'LOCAL',
      mention: quoted,
      rules: [because('speakers/according-to-a-quoted-name')],
    };
    return a.start <= sentence.tokenStart + 1
      ? frameOf(source, quoted.end, sentence.tokenEnd)
      : frameOf(source, previousEnd, a.start, undefined, quoted);
  }
  const source =
    named.generic && isDefinite(b, named)
      ? anaphor(b, named)
      : sourceOf(named, 'speakers/according-to');
  const opening = a.start <= sentence.tokenStart + 1;
  return opening
    ? frameOf(source, named.end, sentence.tokenEnd)
    : frameOf(source, previousEnd, a.start, undefined, {
        start: named.start,
        end: quotedName(b, named.end, sentence.tokenEnd)?.end ?? named.end,
      });
}

function opensQuote(b: Builder, i: number): boolean {
  return (b.analysis.tokens[i]?.openQuote ?? null) !== null;
}

/** «"السويداء 24"»: a few words in quote marks, from token `from`. */
function quotedName(b: Builder, from: number, to: number): { start: number; end: number } | null {
  if (!opensQuote(b, from)) return null;
  for (let i = from; i < Math.min(to, from + QUOTED_NAME_WORDS); i++) {
    if (b.analysis.tokens[i]?.closeQuote != null) return { start: from, end: i + 1 };
    if (i > from && opensQuote(b, i)) return null;
  }
  return null;
}

/** A quoted name is a few words; a longer quotation is speech. */
const QUOTED_NAME_WORDS = 5;

/** The narrowest frame around token i; of frames as narrow, the first. */
function narrowestAt(frames: readonly Frame[], i: number): Frame | undefined {
  let best: Frame | undefined;
  for (const f of frames) {
    if (i >= f.from && i < f.to && (best === undefined || f.to - f.from < best.to - best.from))
      best = f;
  }
  return best;
}

/** `narrowestAt` for every token of a report at once. */
function narrowestFrames(frames: readonly Frame[], length: number): (Frame | undefined)[] {
  const at = new Array<Frame | undefined>(length);
  for (const f of frames) {
    for (let i = Math.max(0, f.from); i < Math.min(length, f.to); i++) {
      const best = at[i];
      if (best === undefined || f.to - f.from < best.to - best.from) at[i] = f;
    }
  }
  return at;
}

/**
 * Attribution over a report: for each token, the source that speaks for it.
 * Statements carry over to following sentences that continue them («وأضاف»),
 * and quotes carry their speaker to their closing mark.
 */
export class Attribution {
  private readonly frames: Frame[] = [];
  /** The narrowest frame at each token, worked out on the first question: a long report asks at every clause. */
  private narrowest: (Frame | undefined)[] | null = null;

  constructor(
    private readonly analysis: Analysis,
    entities: readonly EntityMention[],
  ) {
    const b: Builder = { analysis, entities, last: null };
    let openQuote: Source | null = null;
    for (const sentence of analysis.sentences) {
      if (!sentence.prose) continue;
      const frames = this.sentenceFrames(b, sentence);
      if (frames.length === 0 && openQuote !== null) {
        frames.push(
          frameOf(
            toldAgain(openQuote, 'speakers/inside-a-quotation'),
            sentence.tokenStart,
            sentence.tokenEnd,
          ),
        );
      }
      if (oddQuotes(b, sentence))
        openQuote = openQuote === null ? (frames.at(-1)?.source ?? null) : null;
      this.frames.push(...frames);
      const speaking = frames.filter((f) => f.source.claimant !== null).at(-1);
      if (speaking !== undefined) b.last = speaking.source;
    }
    this.frames.push(...bylineFrames(b));
  }

  /** Where speakers are named («مصادر أهلية في ريف الرقة»): places there locate the speaker, not the act. */
  speakerZones(): { start: number; end: number }[] {
    // «وقال مصدر… إن الحصيلة… 45 قتيلا، مشيراً إلى…»: a speaker going on in the same sentence
    // was placed by its first words; what it said in between is the act's.
    const placed = new Set<number>();
    const zones: { start: number; end: number }[] = [];
    for (const f of this.frames) {
      if (f.zone !== undefined) {
        zones.push(f.zone);
        continue;
      }
      const mention = f.source.mention;
      if (mention === null || placed.has(mention.start)) continue;
      placed.add(mention.start);
      // «وأكد البيان»: a speaker named sentences before speaks again; the words between are the act's.
      if (mention.start < f.from && this.sameSentence(mention.start, f.from))
        zones.push({ start: mention.start, end: Math.max(f.from, f.speakerEnd ?? 0) });
    }
    return zones;
  }

  /** Whether tokens a ≤ b are in one sentence: the last sentence starting at or before a holds both, or none does. */
  private sameSentence(a: number, b: number): boolean {
    const sentences = this.analysis.sentences;
    const s = sentences[countBelow(sentences, (x) => x.tokenStart, a, true) - 1];
    return s !== undefined && b <= s.tokenEnd;
  }

  /** Token positions where a speaker is named. */
  speakerStarts(): Set<number> {
    const starts = new Set<number>();
    for (const f of this.frames) if (f.source.mention !== null) starts.add(f.source.mention.start);
    return starts;
  }

  /** The source speaking at token i: the narrowest frame around it, else the outlet. */
  sourceAt(i: number): Source {
    const length = this.analysis.tokens.length;
    if (i < 0 || i >= length) return narrowestAt(this.frames, i)?.source ?? OUTLET;
    this.narrowest ??= narrowestFrames(this.frames, length);
    return this.narrowest[i]?.source ?? OUTLET;
  }

  private sentenceFrames(b: Builder, sentence: Sentence): Frame[] {
    const marks = within(
      b.analysis.annotations.attribution,
      sentence.tokenStart,
      sentence.tokenEnd,
    );
    const frames: Frame[] = [];
    let previousEnd = sentence.tokenStart;
    for (const a of marks) {
      let frame: Frame | null = null;
      if (a.entry.attribution === 'verb' || a.entry.attribution === 'continuation') {
        frame = framesOfVerb(b, a, sentence, frames);
      } else if (a.entry.attribution === 'according_to') {
        frame = frameOfAccording(b, a, sentence, previousEnd);
      } else if (a.entry.attribution === 'editorial') {
        frame = frameOf(
          { claimant: null, mention: null, rules: [because('speakers/editorial-voice')] },
          a.start,
          sentence.tokenEnd,
        );
      }
      if (frame === null) continue;
      // A later speaker in the same sentence ends the earlier one's stretch.
      const open = frames.at(-1);
      if (open !== undefined && open.to > frame.from && open.from < frame.from) {
        frames[frames.length - 1] = frameOf(
          open.source,
          open.from,
          a.start,
          open.speakerEnd,
          open.zone,
        );
      }
      frames.push(frame);
      // «أفادت وكالة سانا بأن …، وأوضحت الوكالة أن …»: «الوكالة» points back within the sentence too.
      if (frame.source.claimant !== null) b.last = frame.source;
      previousEnd = Math.max(previousEnd, frame.to === sentence.tokenEnd ? a.end : frame.to);
    }
    return frames;
  }
}

/** A line that carries a social post's marks: a hashtag or a link to the post's picture. */
function looksLikePost(b: Builder, line: number): boolean {
  const { original, origin } = b.analysis.normalized;
  const text = b.analysis.sentences
    .filter((s) => s.line === line)
    .map((s) => original.slice(origin[s.start], origin[s.end]))
    .join(' ');
  return /#\S|pic\.twitter\.com/i.test(text);
}

/**
 * «— الدفاع المدني السوري (@SyriaCivilDefe) August 20, 2021»: an embedded
 * post ends with a line naming its author after a dash. The paragraph just
 * before that line is the author's words, and so is the paragraph after it
 * when it carries a post's marks (pages put a post's parts in either order).
 */
function bylineFrames(b: Builder): Frame[] {
  const sentences = b.analysis.sentences;
  return flatMapped(sentences, (line, k) => {
    if (line.prose || tokenText(b, line.tokenStart) !== '-') return [];
    const handle = b.analysis.tokens
      .slice(line.tokenStart, line.tokenEnd)
      .some((t) => t.text === '@');
    const author = firstEntity(b, line.tokenStart + 1, line.tokenStart + 2, () => true);
    if (!handle || author === undefined) return [];
    const before = sentences[k - 1]?.line;
    const after = sentences.find((s) => s.line > line.line)?.line;
    const post = new Set([
      ...(before === undefined ? [] : [before]),
      ...(after !== undefined && looksLikePost(b, after) ? [after] : []),
    ]);
    return sentences
      .filter((s) => post.has(s.line) && s.prose)
      .map((s) =>
        frameOf(sourceOf(author, 'speakers/byline-of-an-embedded-post'), s.tokenStart, s.tokenEnd),
      );
  });
}

/** An odd number of quote marks opens a quotation that runs on, or closes one that ran on. */
function oddQuotes(b: Builder, sentence: Sentence): boolean {
  let n = 0;
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const t = b.analysis.tokens[i];
    if (t?.openQuote != null) n++;
    if (t?.closeQuote != null) n++;
  }
  return n % 2 === 1;
}

/** Who speaks in a report: its actors and sources, and the stretches each source speaks for. */
export interface Speakers {
  readonly entities: readonly EntityMention[];
  readonly attribution: Attribution;
  /** Where speakers are named and described: places there are the speaker's, not the act's. */
  readonly zones: readonly { readonly start: number; readonly end: number }[];
  /** Token positions where a speaker is named. */
  readonly starts: ReadonlySet<number>;
  /** Whether a token is among the words that name and describe a speaker. */
  readonly describesSpeaker: (token: number) => boolean;
}

/** Up to this many speaker zones, whether a token is in one is answered by reading them all. */
const ZONES_SCANNED = 16;

/** Resolves a report's actors and sources and works out who speaks where, once. */
export function readSpeakers(analysis: Analysis): Speakers {
  const entities = resolveEntities(analysis);
  const attribution = new Attribution(analysis, entities);
  const zones = attribution.speakerZones();
  // Which tokens the zones cover, marked once when there are many: asked for every actor of
  // every clause, a scan of the zones would cost a long report the square of its length. A
  // report's few zones (at most 9 in the dev and generated reports) are scanned: the table, a
  // typed array whose store is made outside V8's heap, took 0.9% of extraction's profile
  // samples, and making one the size of each report after its extraction 0.6% of its time.
  let covered: Uint8Array | null = null;
  const length = analysis.tokens.length;
  const scanned = zones.length <= ZONES_SCANNED;
  return {
    entities,
    attribution,
    zones,
    starts: attribution.speakerStarts(),
    describesSpeaker: (i) => {
      if (scanned || !Number.isInteger(i) || i < 0 || i >= length)
        return zones.some((z) => i >= z.start && i < z.end);
      if (covered === null) {
        covered = new Uint8Array(length);
        for (const z of zones)
          covered.fill(1, Math.max(0, Math.ceil(z.start)), Math.min(length, Math.ceil(z.end)));
      }
      return covered[i] === 1;
    },
  };
}
