import type { Token } from '../text/index.js';
import { wordSigns } from './gazetteer.js';
import type { Anaphor, Gazetteer, PlaceCue, PlaceMatch, PlaceName } from './gazetteer.js';
import { readNames } from './name-readings.js';
import type { NameReadings } from './name-readings.js';
import { distanceKm } from './places.js';
import type { Place } from './places.js';
import { NO_CODES, noListFacts } from './resolve.js';
import type { ListFacts } from './resolve.js';

/** Where the act was relative to the named place. */
export type PlaceRelation = 'at' | 'near' | 'inside' | 'region';
export type AdminLevel = 'governorate' | 'district' | 'subdistrict';

/** A place named in the text, with the cue words around it. */
export interface PlaceMention {
  /** Tokens `[start, end)` of the whole expression, cues included («غرب مدينة الطبقة»). */
  readonly start: number;
  readonly end: number;
  /** Tokens of the name alone. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /**
   * Gazetteer places the name can mean; empty when the gazetteer lacks it. One
   * array shared by every mention of that name read alike, kept as long as the
   * gazetteer's names (readNames): never mutate it, copy it to change it.
   */
  readonly candidates: readonly Place[];
  /**
   * What resolution keeps of `candidates`, made with the list and shared by every
   * mention of it (`NameReading.facts`); none for a list made otherwise.
   */
  readonly facts?: ListFacts;
  /**
   * The admin p-codes it vouches for (`adminCodesOf`), carried from its reading of the name
   * (`NameReading.areas`); none for a mention read otherwise, whose codes are worked out.
   */
  readonly areas?: readonly string[];
  readonly relation: PlaceRelation;
  /** A settlement word named the kind of place («قرية», «مدينة», «حي»). */
  readonly settlement: boolean;
  /** The settlement word was «حي»: a neighbourhood. */
  readonly neighbourhood?: boolean;
  /** A facility word named a site («سجن», «حقل», «حاجز»). */
  readonly facility: boolean;
  readonly admin: AdminLevel | null;
  /** «الشرقي» after «ريف الرقة». */
  readonly direction: string | null;
  /** A compass word before the name («شرق دير الزور»). */
  readonly compass: boolean;
  /** A dual settlement word («بلدتي ذيبان والطيانة»): this place and the next make one area. */
  readonly pair: boolean;
  /** Bare single-word village names: they count only where the report names their area. */
  readonly weak: boolean;
  /** Every name it can be is an ordinary word too («منطقة الصناعة», «حي الثورة»). */
  readonly common?: boolean;
  /** Where people come from («من مهجري السويداء», «ينحدران من مدينة طفس»), not where the act was. */
  readonly origin: boolean;
  /** The name is one letter off the gazetteer's spelling («الهدهود» for «هدهد»): a reviewer should know. */
  readonly loose?: boolean;
  /** An end of a road named by its ends («الطريق الدولي حلب–القامشلي»): the act was somewhere along it. */
  readonly roadEnd?: boolean;
  /** «بين بلدتي داعل وطفس»: one of two places the act was between. */
  readonly between?: boolean;
  /**
   * A place named in a phrase that does not locate an act: an organisation's
   * name («تنسيقية مدينة داريا»), where the wounded were taken («نقل الجرحى إلى
   * مشافي X»), where people were heading.
   */
  readonly aside?: Aside;
  /** «دوار تدمر», «شارع حلب»: a facility that may be named after the town, and lie elsewhere. */
  readonly namedAfter?: boolean;
  /** The settlement word before the name («بلدة», «مدينتي»), as its keys: what «البلدة» can point back to. */
  readonly kindWord?: readonly string[];
  /**
   * «في البلدة», «وسط المدينة»: no name, a definite settlement word pointing back
   * to the last place named with one of these settlement words.
   */
  readonly anaphor?: Anaphor;
}

/** A mention whose fields may still be set: a copy being marked. */
export type MarkedMention = { -readonly [K in keyof PlaceMention]: PlaceMention[K] };

/**
 * A mention with every field in one order, those it lacks left undefined: mentions
 * made and marked in several ways (a name, an unlisted one, a word pointing back,
 * set aside) then share one shape, so the stages after read their fields quickly
 * where a dozen shapes sent every read down V8's slow path. A copy to mark is made
 * here too, field by field: a spread of the two dozen fields took V8's generic
 * path, property by property, for most places a report names.
 */
export function shaped(m: PlaceMention): MarkedMention {
  return {
    start: m.start,
    end: m.end,
    nameStart: m.nameStart,
    nameEnd: m.nameEnd,
    candidates: m.candidates,
    facts: m.facts,
    areas: m.areas,
    relation: m.relation,
    settlement: m.settlement,
    neighbourhood: m.neighbourhood,
    facility: m.facility,
    admin: m.admin,
    direction: m.direction,
    compass: m.compass,
    pair: m.pair,
    weak: m.weak,
    common: m.common,
    origin: m.origin,
    loose: m.loose,
    roadEnd: m.roadEnd,
    between: m.between,
    aside: m.aside,
    namedAfter: m.namedAfter,
    kindWord: m.kindWord,
    anaphor: m.anaphor,
  };
}

/** Why a place named in the text is not where an act was. */
export type Aside = 'organisation' | 'correspondent' | 'destination' | 'journey';

interface Cues {
  relation: PlaceRelation;
  compass: boolean;
  pair: boolean;
  settlement: boolean;
  /** «القرية», «المنطقة», «السجن»: the place already told of, not one about to be named. */
  definite: boolean;
  /** «حي»: a neighbourhood of that name before a village. */
  neighbourhood: boolean;
  facility: boolean;
  admin: AdminLevel | null;
  /** A facility word that is often named after another town («دوار», «شارع»). */
  namedAfter: boolean;
  /** «بين»: the act is between this place and the next. */
  between: boolean;
  /** The keys of the settlement word, when one was read. */
  kindWord: readonly string[] | null;
  any: boolean;
}

const MAX_UNKNOWN_NAME = 3;

/**
 * Cues that place an act relative to a place. A settlement word is followed by
 * its name, never by one of these: «في المدينة بين قوات النظام…» names no place.
 */
const RELATIONS: ReadonlySet<PlaceCue['kind']> = new Set(['near', 'compass', 'inside', 'region']);

function applyCue(cues: Cues, cue: PlaceCue): void {
  switch (cue.kind) {
    case 'near':
      if (cues.relation !== 'region') cues.relation = 'near';
      break;
    case 'compass':
      if (cues.relation !== 'region') cues.relation = 'near';
      cues.compass = true;
      break;
    case 'inside':
      if (cues.relation === 'at') cues.relation = 'inside';
      break;
    case 'region':
      cues.relation = 'region';
      break;
    case 'settlement':
      // «محاور بلدة الكبانة», «حاجز قرية X»: a site of the town, at its edge.
      if (cues.facility && cues.relation === 'at') cues.relation = 'near';
      cues.settlement = true;
      cues.neighbourhood = cue.neighbourhood === true;
      break;
    case 'pair':
      cues.settlement = true;
      cues.pair = true;
      break;
    case 'facility':
      cues.facility = true;
      break;
    case 'admin':
      cues.admin = cue.level;
      break;
    case 'direction':
      return;
  }
  cues.any = true;
}

/**
 * The token at `k`, none before the first. A read at index -1 is a look-up of a property
 * named "-1", and it leaves the place in the code that made it on V8's slow path for every
 * read after (four times as slow, measured): a name at a report's first token («حلب..»)
 * asks what stands before it, and the words before every name were read so since.
 */
function tokenAt(tokens: readonly Token[], k: number): Token | undefined {
  return k >= 0 ? tokens[k] : undefined;
}

function isWord(token: Token | undefined): token is Token {
  return token?.kind === 'word';
}

/**
 * Finds the places named in tokens `[from, to)`: gazetteer names with the cue
 * words before them («بريف», «غرب مدينة», «في محيط بلدتي») and a direction after
 * them («الشرقي»), plus names the gazetteer lacks when a settlement or facility
 * word announces them («قرية مزرعة القادسية»).
 */
export function findPlaceMentions(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  from = 0,
  to = tokens.length,
): PlaceMention[] {
  const found: PlaceMention[] = [];
  // Where each facility word and its name end («سجن الصناعة»): a town right after is the facility's.
  let siteEnds: number[] | null = null;
  let i = from;
  while (i < to) {
    // Most words start no place and no cue: pass them by quickly.
    i = gazetteer.nextPlaceStart(tokens, i, to);
    if (i >= to) break;
    if (unlocatedBareName(gazetteer, tokens, i, to)) {
      i++;
      continue;
    }
    // The record is shared by every start: all of it is read here, before the next.
    const { cues, nameStart: j, unnamed, name: named } = readCues(gazetteer, tokens, i, to);
    // «قرية "ميدان الغزال"»: a quoted name is whole; a known name that ends inside the quotes is not it.
    // «الأحياء الشمالية»: an adjective after a settlement word is no name, even where a village bears it.
    const adjective =
      named !== null && cues.settlement && allNotNames(gazetteer, tokens, named.start, named.end);
    const name =
      named !== null && (adjective || (cues.any && quotedBeyond(tokens, named.start, named.end)))
        ? null
        : named;
    let next: number;
    if (unnamed) {
      // The relation starts a mention of its own.
      next = j;
    } else if (name !== null) {
      const mention = buildMention(gazetteer, tokens, i, name.start, name.end, name, cues, to);
      const coordinated = coordinatedNames(gazetteer, tokens, name.end, to, cues);
      // «كان بين الشهداء طفلان»: «بين» before one common word is "among", not "between".
      const among = cues.between && coordinated.length === 0 && name.values.every((v) => v.common);
      if (mention !== null && !among)
        setAside(gazetteer, tokens, mention, coordinated, cues, found);
      else for (const m of coordinated) found.push(withoutKindWord(m));
      next = Math.max(coordinated.at(-1)?.end ?? 0, mention?.end ?? name.end);
    } else if (cues.definite || (j > i && endsDefinite(gazetteer, tokens, j))) {
      // «وجهاء القرية تدخلوا», «وتشهد المنطقة تصعيدا»: no name follows a place word with the article.
      // Only cue words read here can end so: with none (j = i) the word before is another start's.
      const anaphor = anaphorAt(gazetteer, tokens, i, j, cues.relation);
      if (anaphor !== null) found.push(anaphor);
      next = Math.max(j, i + 1);
    } else if (cues.settlement || cues.facility || cues.admin !== null) {
      const end = unknownNameEnd(gazetteer, tokens, j, to);
      const mention = unlistedName(gazetteer, tokens, i, j, end, cues, to);
      if (mention !== null) setAside(gazetteer, tokens, mention, NO_MENTIONS, cues, found);
      next = Math.max(end, j, i + 1);
    } else {
      next = Math.max(j, i + 1);
    }
    if (cues.facility && !cues.settlement) (siteEnds ??= []).push(next);
    i = next;
  }
  // Most sentences name no facility: their places are as found.
  if (siteEnds === null) return found;
  // Marked in place, in a loop: the list is this call's own, where a callback made at each
  // sentence that names a facility copied it.
  for (let k = 0; k < found.length; k++) {
    const m = found[k] as PlaceMention;
    if (m.relation !== 'at' || !afterSite(gazetteer, tokens, siteEnds, m)) continue;
    const near = shaped(m);
    near.relation = 'near';
    found[k] = near;
  }
  return found;
}

/**
 * «تضررت منازل X»: a start at a word that, read bare, names a place only where a locative
 * word locates it (`Gazetteer.needsLocative`), with none there and no name joined after it
 * (`coordinatedNames`: a dash, or a word with «و»). `buildMention` makes no mention of it and
 * nothing is joined to it: the start is passed before its name and cues are read, where each
 * such start (a few a report) looked up both, cold in memory, to find nothing.
 */
function unlocatedBareName(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  i: number,
  to: number,
): boolean {
  const token = tokens[i];
  if (token === undefined) return false;
  const next = i + 1 < to ? tokens[i + 1] : undefined;
  if (!gazetteer.needsLocative(token, next) || locative(gazetteer, tokens, i)) return false;
  if (next === undefined) return true;
  return next.kind === 'punct'
    ? !DASHES.has(next.text)
    : !(isWord(next) && next.text.startsWith('و'));
}

/** No cue words read: shared by every start with none, and never changed (only `readCues` sets `CUES`'s fields). */
const NO_CUES: Readonly<Cues> = noCues();

function noCues(): Cues {
  return {
    relation: 'at',
    compass: false,
    pair: false,
    settlement: false,
    definite: false,
    neighbourhood: false,
    facility: false,
    admin: null,
    namedAfter: false,
    between: false,
    kindWord: null,
    any: false,
  };
}

/**
 * The one record the cue words read at a start are kept in, read before the next start is
 * (as `READ`): no mention keeps it, each copies the fields it needs (`buildMention`,
 * `unknownMention`), where a record was made at each of the starts that open with a cue.
 */
const CUES: Cues = noCues();

/** `CUES` as `noCues` makes a record: no cue read yet. */
function freshCues(): Cues {
  CUES.relation = 'at';
  CUES.compass = false;
  CUES.pair = false;
  CUES.settlement = false;
  CUES.definite = false;
  CUES.neighbourhood = false;
  CUES.facility = false;
  CUES.admin = null;
  CUES.namedAfter = false;
  CUES.between = false;
  CUES.kindWord = null;
  CUES.any = false;
  return CUES;
}

/** What `readCues` read at a start: the cue words and the place name after them. */
interface ReadCues {
  cues: Readonly<Cues>;
  nameStart: number;
  name: PlaceMatch | null;
  unnamed: boolean;
}

/**
 * The one record `readCues` gives its reading in, read before the next start is:
 * a report has some thirty starts to each place it names, and a record was made at each.
 */
const READ: ReadCues = { cues: NO_CUES, nameStart: 0, name: null, unnamed: false };

function cuesRead(
  cues: Readonly<Cues>,
  nameStart: number,
  name: PlaceMatch | null,
  unnamed: boolean,
): Readonly<ReadCues> {
  READ.cues = cues;
  READ.nameStart = nameStart;
  READ.name = name;
  READ.unnamed = unnamed;
  return READ;
}

/**
 * The cue words at token i and the place name after them, if the gazetteer has it:
 * in a record the next call reuses.
 */
function readCues(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  i: number,
  to: number,
): Readonly<ReadCues> {
  let j = i;
  let name = gazetteer.nameAt(tokens, j, to);
  let cue = gazetteer.cueAt(tokens, j, to);
  // Most starts are a bare name, or a word that starts nothing here: no cues to read.
  if (cue === null) return cuesRead(NO_CUES, j, name, false);
  const cues = freshCues();
  let edgeWithArticle = false;
  for (let steps = 0; steps < 4; steps++) {
    if (steps > 0) {
      // «قرية «تل الصحن»»: a quotation opening after a cue word holds the whole name.
      if (tokens[j]?.openQuote !== null) break;
      cue = gazetteer.cueAt(tokens, j, to);
    }
    if (cue === null) break;
    const value = firstNotDirection(cue.values);
    // «حي الوعر الغربي بمدينة حمص»: a compass adjective written with the article («الغربي», which
    // the directions list too) describes the word before it, not «west of» the place after it:
    // nothing starts here. The noun («إلى الغرب لمدينة حمص», «الشمال الغربي لمدينة إدلب») does
    // locate, and no direction is spelled like it.
    if (
      steps === 0 &&
      value?.kind === 'compass' &&
      namesDirection(cue.values) &&
      withArticle(gazetteer, tokens[cue.start])
    )
      return cuesRead(NO_CUES, j, null, false);
    // «مدينة التل»: after a settlement word, a place's name that is also a site word («تل») is the name.
    const siteNamed = cues.settlement && value?.kind === 'facility';
    if (name !== null && (name.end > cue.end || (siteNamed && name.end >= cue.end))) break;
    if (value === undefined && edgeWithArticle && !joinedPlaceAt(gazetteer, tokens, cue.end, to)) {
      // «الأطراف الشرقية لبلدة كفرنبل», «المداخل الشمالية لمدينة حماة»: after an edge word with
      // the article, a direction agrees with it and says which edge (even where a village bears
      // the direction's name: «أطراف الشمالية», with no article, would be that village's); the
      // words after it name the place, as they did after «الطرف الشرقي», whose masculine was read
      // as the compass word «شرقي». A place joined by «و» after the direction is another place:
      // «قصفت الأطراف الشرقية وبلدة تلبيسة».
      j = cue.end;
      name = gazetteer.nameAt(tokens, j, to);
      continue;
    }
    if (value === undefined) break;
    if (cues.settlement && RELATIONS.has(value.kind)) return cuesRead(cues, j, null, true);
    applyCue(cues, value);
    const word = tokens[cue.start];
    // One word with the article: «بالقرب من» is written with one too, and names no edge.
    edgeWithArticle =
      describesEdge(value.kind) && cue.end - cue.start === 1 && withArticle(gazetteer, word);
    if (value.kind === 'settlement' || value.kind === 'facility' || value.kind === 'admin')
      cues.definite = withArticle(gazetteer, word);
    if (value.kind === 'settlement' || value.kind === 'pair') cues.kindWord = word?.keys ?? null;
    if (value.kind === 'facility' && gazetteer.isA(word, 'namedAfter')) cues.namedAfter = true;
    if (gazetteer.hasForm(word, 'between')) cues.between = true;
    j = cue.end;
    // «طريق بلدتي (كحيل-السهوة)»: the names may stand in parentheses.
    if (tokens[j]?.text === '(') j++;
    name = gazetteer.nameAt(tokens, j, to);
  }
  return cuesRead(cues, j, name, false);
}

/**
 * Whether a cue word of this kind names a part of a place that a direction after it can say
 * which of: an edge or an entrance (near words), a site or a front (facility words).
 */
function describesEdge(kind: PlaceCue['kind']): boolean {
  return kind === 'near' || kind === 'facility';
}

/** Whether the word at `at` joins another place with «و» (a direction so joined is the same edge's). */
function joinedPlaceAt(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  at: number,
  to: number,
): boolean {
  const token = at < to ? tokens[at] : undefined;
  if (!isWord(token) || !token.text.startsWith('و')) return false;
  const cue = gazetteer.cueAt(tokens, at, to);
  return cue === null || firstNotDirection(cue.values) !== undefined;
}

/**
 * What a cue phrase means before a name: the first of its meanings that is not a
 * direction. A loop, where a closure was made and called at every cue word read.
 */
function firstNotDirection(values: readonly PlaceCue[]): PlaceCue | undefined {
  for (let k = 0; k < values.length; k++) {
    const value = values[k];
    if (value !== undefined && value.kind !== 'direction') return value;
  }
  return undefined;
}

/** Whether one of a cue phrase's meanings is a direction («الشرقي» after «ريف الرقة»). */
function namesDirection(values: readonly PlaceCue[]): boolean {
  for (let k = 0; k < values.length; k++) if (values[k]?.kind === 'direction') return true;
  return false;
}

/**
 * A name after a cue word that the gazetteer does not list as written: one
 * letter off a listed name, a listed name inside a longer one, or unknown.
 */
function unlistedName(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  start: number,
  nameStart: number,
  nameEnd: number,
  cues: Readonly<Cues>,
  to: number,
): PlaceMention | null {
  // «قرية "ميدان الغزال"»: a quoted name is not one letter off a shorter name.
  const quoted =
    nameEnd - nameStart > 1 &&
    tokens[nameStart]?.openQuote !== null &&
    tokens[nameEnd - 1]?.closeQuote !== null;
  const loose = looseName(gazetteer, tokens, nameStart, nameEnd, quoted ? nameEnd : nameStart + 1);
  if (loose !== null) {
    const mention = buildMention(
      gazetteer,
      tokens,
      start,
      nameStart,
      loose.end,
      { values: loose.names },
      cues,
      to,
    );
    // Several places one letter off: only the one the report's area vouches for.
    if (mention === null) return null;
    const read = shaped(mention);
    read.loose = true;
    read.weak = mention.weak || ofSeveralPlaces(loose.names);
    return read;
  }
  const inner = knownNameWithin(gazetteer, tokens, nameStart + 1, nameEnd);
  if (inner !== null) {
    const mention = buildMention(gazetteer, tokens, start, inner.start, inner.end, inner, cues, to);
    // Part of a longer unknown name: only with the report's support for that place.
    if (mention === null) return null;
    const part = shaped(mention);
    part.weak = true;
    return part;
  }
  return nameEnd > nameStart ? unknownMention(start, nameStart, nameEnd, cues) : null;
}

/** Whether the names are of more than one place: compared to the first, where a set of them was made. */
function ofSeveralPlaces(names: readonly PlaceName[]): boolean {
  const first = names[0]?.place;
  for (let k = 1; k < names.length; k++) if (names[k]?.place !== first) return true;
  return false;
}

/** Words that may stand between a facility and its town: «سجن الصناعة في الحسكة», «حاجز للنظام في…». */
const SITE_GAP = 3;

/** «سجن الصناعة في الحسكة»: the town named right after a facility is where the facility is. */
function afterSite(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  siteEnds: readonly number[],
  mention: PlaceMention,
): boolean {
  if (mention.facility && !mention.settlement) return false;
  // Loops, where a callback was made for every place of a sentence that names a facility.
  for (let s = 0; s < siteEnds.length; s++) {
    const end = siteEnds[s] as number;
    if (
      end <= mention.start &&
      mention.start - end <= SITE_GAP &&
      onlyJoins(gazetteer, tokens, end, mention.start)
    )
      return true;
  }
  return false;
}

/** Every token of `[from, to)` joins a facility to its town: «في», a comma, a word never in a name. */
function onlyJoins(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  from: number,
  to: number,
): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    const joins = t?.text === 'في' || t?.text === ',' || (t !== undefined && gazetteer.notAName(t));
    if (!joins) return false;
  }
  return true;
}

function locative(gazetteer: Gazetteer, tokens: readonly Token[], nameStart: number): boolean {
  if (gazetteer.hasForm(tokenAt(tokens, nameStart - 1), 'locative')) return true;
  const name = tokens[nameStart]?.text ?? '';
  return name.length > 3 && opensWithBaOrLam(name);
}

/**
 * «بتسيل», «ولدرعا»: a word that opens with «ب» or «ل», after «و» or not. Read letter by
 * letter, where a pattern was run for every bare name.
 */
function opensWithBaOrLam(word: string): boolean {
  const first = word[0] === 'و' ? word[1] : word[0];
  return first === 'ب' || first === 'ل';
}

function isOrigin(gazetteer: Gazetteer, tokens: readonly Token[], start: number): boolean {
  const previous = tokenAt(tokens, start - 1);
  if (previous === undefined || !gazetteer.hasForm(previous, 'origin')) return false;
  // «أثناء انسحابهم من مدينة سراقب»: where they withdrew from is where the act began.
  return previous.text !== 'من' || !gazetteer.isA(tokenAt(tokens, start - 2), 'leaving');
}

/**
 * Whether a token spells its word with the article once its proclitics are set aside
 * («والرقة», not «ورقة»), null when no proclitic is in play (or no token): its forms.
 */
function articleOf(gazetteer: Gazetteer, token: Token | undefined): boolean | null {
  if (token === undefined) return null;
  if (gazetteer.hasForm(token, 'withArticle')) return true;
  return gazetteer.hasForm(token, 'noProclitic') ? null : false;
}

/** Whether a token spells its word with the article (`articleOf` is true). */
function withArticle(gazetteer: Gazetteer, token: Token | undefined): boolean {
  return gazetteer.hasForm(token, 'withArticle');
}

/**
 * «قرية الهدهود» where the gazetteer has «هدهد»: a name announced by a cue word
 * that the gazetteer has one letter off. Longest first, so that «تل الحمام» is
 * read whole before «تل».
 */
function looseName(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  from: number,
  to: number,
  shortest: number,
): { end: number; names: readonly PlaceName[] } | null {
  for (let end = to; end >= shortest; end--) {
    const names = gazetteer.nearSpellings(spellingKey(tokens, from, end));
    if (names.length > 0) return { end, names };
  }
  return null;
}

/**
 * The key of tokens `[from, end)` as the gazetteer's spellings are keyed: each word's own
 * key, joined by spaces. A word alone is its key, no string made; several are joined
 * in a loop, where a copy of the tokens and a list of their keys were made to join.
 */
function spellingKey(tokens: readonly Token[], from: number, end: number): string {
  let key = '';
  for (let k = from; k < end; k++) {
    const t = tokens[k];
    const word = t?.keys[0] ?? t?.text ?? '';
    key = k === from ? word : `${key} ${word}`;
  }
  return key;
}

/** «قرية معمل أوشاغي» where the gazetteer knows «أوشاغي»: the known part of an unknown name. */
function knownNameWithin(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  from: number,
  to: number,
): PlaceMatch | null {
  for (let k = from; k < to; k++) {
    const name = gazetteer.nameAt(tokens, k, to);
    if (name !== null && name.values.some((v) => !v.common)) return name;
  }
  return null;
}

/** The spellings a name matched, and their readings when kept with the match (`PlaceMatch`). */
interface NamesRead {
  readonly values: readonly PlaceName[];
  readonly readings?: NameReadings;
}

function buildMention(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  start: number,
  nameStart: number,
  nameEnd: number,
  name: NamesRead,
  cues: Readonly<Cues>,
  to: number,
  listed = false,
): PlaceMention | null {
  const first = tokens[nameStart];
  const article = articleOf(gazetteer, first);
  const reading = readNames(name.values, cues.any, article, name.readings);
  const { usable, prominent, common, partial, candidates, city, facts } = reading;
  if (usable === 0) return null;
  const multiWord = nameEnd - nameStart > 1;

  // A bare village name is a place only after «في», «من», «إلى»… or with «بـ» («في الكرك», «بتسيل»), or in a list of places.
  // `unlocatedBareName` passes such starts before their names are read: a change here is a change there.
  if (!cues.any && !multiWord && !prominent && !listed && !locative(gazetteer, tokens, nameStart))
    return null;
  // «أصيب الشيخ إبراهيم…», «القيادي أبو طلحة»: a name that opens with a title or kunya is a person's, unless a place word or preposition says otherwise.
  if (
    !cues.any &&
    !listed &&
    gazetteer.isA(first, 'personTitle') &&
    !locative(gazetteer, tokens, nameStart)
  )
    return null;
  let end = nameEnd;
  let direction: string | null = null;
  // «ريف الرقة الشرقي»: the direction after a name is a definite adjective; «غربي درعا» opens a new place.
  // The word is asked whether it is written so first: most names are followed by no such
  // word, and the cue phrase there was looked up (its word's record loaded) for every name.
  // A cue starts at the word asked (`cueAt`), within `to`.
  const definite = end < to && (tokens[end]?.text.startsWith('ال') ?? false);
  const after = definite ? gazetteer.cueAt(tokens, end, to) : null;
  if (after !== null && namesDirection(after.values)) {
    direction = textOf(tokens, after.start, after.end);
    end = after.end;
  }
  // Made whole in `shaped`'s order, so of its shape, where a literal was made and then copied.
  return {
    start,
    end,
    nameStart,
    nameEnd,
    candidates,
    facts,
    // «حي الثورة»: a name that is an ordinary word vouches for no area, not even its own.
    areas: common ? NO_CODES : cues.relation === 'region' ? reading.regionAreas : reading.areas,
    relation: cues.relation,
    settlement: cues.settlement,
    neighbourhood: cues.neighbourhood,
    facility: cues.facility,
    admin: cues.admin,
    direction,
    compass: cues.compass,
    pair: cues.pair,
    // A bare village name, or the name of a site after «حقل», «حاجز»: a place only where the report names its area.
    weak:
      (!cues.any && !multiWord && !prominent) ||
      partial ||
      (cues.facility && !cues.settlement && !city),
    common,
    origin: isOrigin(gazetteer, tokens, start),
    loose: undefined,
    roadEnd: undefined,
    between: undefined,
    aside: undefined,
    namedAfter: undefined,
    kindWord: cues.kindWord ?? undefined,
    anaphor: undefined,
  };
}

/**
 * The words of tokens `[from, to)` joined by spaces: a direction is most often one word, its
 * text itself, where a copy of the tokens and a list of their texts were made to join.
 */
function textOf(tokens: readonly Token[], from: number, to: number): string {
  let text = tokens[from]?.text ?? '';
  for (let k = from + 1; k < to; k++) text = `${text} ${tokens[k]?.text ?? ''}`;
  return text;
}

/**
 * A name joined by و to a first that was no place («كان بين الشهداء…»): the settlement
 * word before them is given only to the names of a phrase read whole (`setAside`).
 */
function withoutKindWord(m: PlaceMention): PlaceMention {
  if (m.kindWord === undefined) return m;
  const bare = shaped(m);
  bare.kindWord = undefined;
  return bare;
}

/** «بلدتي ذيبان والطيانة»: names joined by و share the cues of the first. */
function coordinatedNames(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  from: number,
  to: number,
  cues: Readonly<Cues>,
): readonly PlaceMention[] {
  // Made for the first name joined: most names have none, and share one empty list.
  let found: PlaceMention[] | null = null;
  let i = from;
  while (i < to) {
    // «طريق كحيل - السهوة»: a dash joins the two ends of a road.
    if (found === null && tokens[i]?.kind === 'punct' && DASHES.has(tokens[i]?.text ?? '')) i++;
    const token = tokens[i];
    if (!isWord(token) || (!token.text.startsWith('و') && i === from)) break;
    const name = gazetteer.nameAt(tokens, i, to);
    if (name === null) break;
    const mention = buildMention(gazetteer, tokens, i, i, name.end, name, cues, to, true);
    if (mention === null) break;
    (found ??= []).push(mention);
    i = mention.end;
  }
  return found ?? NO_MENTIONS;
}

/** After «قرية», the name runs to punctuation, a preposition or a cue word, three words at most. */
function unknownNameEnd(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  from: number,
  to: number,
): number {
  let end = from;
  while (end < to && end - from < MAX_UNKNOWN_NAME) {
    const token = tokens[end];
    if (token === undefined || token.kind !== 'word') break;
    // «حاجز للنظام»: with its clitics set aside, the word is no name.
    if (gazetteer.notAName(token)) break;
    if (end > from && gazetteer.cueAt(tokens, end, to) !== null) break;
    if (end > from && (token.text[0] === 'و' || token.text[0] === 'ب') && token.text.length > 3)
      break;
    end++;
    // «قرية "ميدان الغزال"»: a closing quote ends a quoted name.
    if (token.closeQuote !== null && tokens[from]?.openQuote !== null) break;
  }
  return end;
}

function unknownMention(
  start: number,
  nameStart: number,
  nameEnd: number,
  cues: Readonly<Cues>,
): PlaceMention {
  return shaped({
    start,
    end: nameEnd,
    nameStart,
    nameEnd,
    candidates: [],
    relation: cues.relation,
    settlement: cues.settlement,
    neighbourhood: cues.neighbourhood,
    facility: cues.facility,
    admin: cues.admin,
    direction: null,
    compass: cues.compass,
    pair: cues.pair,
    weak: false,
    origin: false,
    kindWord: cues.kindWord ?? undefined,
  });
}

const DASHES: ReadonlySet<string> = new Set(['-', '–', '—']);

/** Words between «إلى» and the town of a hospital: «إلى المستشفى الوطني في مدينة حماة». */
const DESTINATION_GAP = 4;
/** How far before «إلى» a word of transfer or travel makes the place a destination. */
const DESTINATION_REACH = 4;

/**
 * «نقل الجرحى إلى مشافي درعا وإزرع», «أثناء توجههم إلى مدينة سرمدا»: a place
 * after «إلى» that the wounded were taken to or people were heading for.
 */
function isDestination(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  mention: PlaceMention,
): boolean {
  let k = mention.start - 1;
  // «إلى المستشفى الوطني في مدينة حماة»: a hospital's name runs a few words before its town.
  for (; k >= Math.max(0, mention.start - DESTINATION_GAP); k--) {
    const t = tokens[k];
    if (t?.kind !== 'word' || gazetteer.hasForm(t, 'towards')) break;
  }
  // No token before the first: a read there is far slower than one inside the array.
  if (k < 0) return false;
  const towards = tokens[k];
  // Most places have no «إلى» before them: the hospital words are sought only after one.
  if (!gazetteer.hasForm(towards, 'towards')) return false;
  for (let h = k + 1; h <= mention.start; h++)
    if (gazetteer.isA(tokens[h], 'hospital')) return true;
  if (k !== mention.start - 1) return false;
  for (let b = k - 1; b >= Math.max(0, k - DESTINATION_REACH); b--) {
    const t = tokens[b];
    if (t?.kind !== 'word') return false;
    if (gazetteer.isA(t, 'destination')) return true;
  }
  return false;
}

/** How far before «في» the purpose of a journey may begin: «أثناء ذهابه للمشاركة في عزاء في قرية…». */
const PURPOSE_REACH = 6;

/**
 * «أثناء توجهه لحضور عرس في قرية الطيانة», «خلال ذهابهم للمشاركة في عزاء في بلدة
 * ذيبان»: a place in the purpose of a journey is where people were going.
 */
function isPurposeOfJourney(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  mention: PlaceMention,
): boolean {
  if (tokenAt(tokens, mention.start - 1)?.text !== 'في') return false;
  for (let b = mention.start - 2; b >= Math.max(0, mention.start - 1 - PURPOSE_REACH); b--) {
    const t = tokens[b];
    if (t?.kind !== 'word') return false;
    const purpose = tokens[b + 1]?.text ?? '';
    if (gazetteer.isA(t, 'destination')) return /^ل[^ا]/.test(purpose) || purpose.startsWith('لل');
  }
  return false;
}

/** «تنسيقية مدينة داريا», «مركز حماة الإعلامي»: the name is an organisation's. */
function isOrganisation(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  mention: PlaceMention,
): boolean {
  return (
    gazetteer.isA(tokenAt(tokens, mention.start - 1), 'organisationHead') ||
    gazetteer.isA(tokens[mention.end], 'organisationTail')
  );
}

/** Words a correspondent's outlet may take between «مراسل» and the place («مراسل قناة سما في»). */
const CORRESPONDENT_REACH = 3;

/** «مراسل سما بدرعا», «مراسلنا في ريف حلب»: where a correspondent is posted. */
function correspondentsBase(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  mention: PlaceMention,
): boolean {
  const first = tokens[mention.start];
  const before = tokenAt(tokens, mention.start - 1);
  // «بدرعا» carries its preposition; «في درعا» has it before.
  const located = before?.text === 'في' || gazetteer.hasForm(first, 'carriesBa');
  if (!located) return false;
  const from = before?.text === 'في' ? mention.start - 2 : mention.start - 1;
  for (let b = from; b >= Math.max(0, from - CORRESPONDENT_REACH + 1); b--) {
    const t = tokens[b];
    if (t?.kind !== 'word') return false;
    if (gazetteer.isA(t, 'correspondent')) return true;
  }
  return false;
}

/**
 * The words the rules that set a place aside ask for before it: the head of an organisation's
 * name, a correspondent, «إلى» and its like, a word of taking or going («نقل», «ذهابه»: to a
 * destination, or to a journey's purpose). Each rule needs one of them among the words right
 * before the place.
 */
const ASIDE_SIGNS = wordSigns(['organisationHead', 'correspondent', 'destination'], ['towards']);

/** How far before a place the rules that set it aside read: a journey's purpose, past «في». */
const ASIDE_REACH = 1 + PURPOSE_REACH;

/**
 * Why a place named in the text is not where an act was, if it is not: the rules asked in
 * turn, only where one of the words they need (`ASIDE_SIGNS`) stands in the run of words right
 * before the place, or an organisation's tail after it. Most places have none: one walk
 * back reads each word's signs once, where the four rules read them again, a call a word each.
 */
function asideOf(gazetteer: Gazetteer, tokens: readonly Token[], head: PlaceMention): Aside | null {
  let signed = gazetteer.isA(tokens[head.end], 'organisationTail');
  for (let k = head.start - 1; !signed && k >= Math.max(0, head.start - ASIDE_REACH); k--) {
    const t = tokens[k];
    // No rule reads past a mark or a number before the place.
    if (!isWord(t)) break;
    signed = gazetteer.isAnyOf(t, ASIDE_SIGNS);
  }
  if (!signed) return null;
  if (isOrganisation(gazetteer, tokens, head)) return 'organisation';
  if (correspondentsBase(gazetteer, tokens, head)) return 'correspondent';
  if (isDestination(gazetteer, tokens, head)) return 'destination';
  return isPurposeOfJourney(gazetteer, tokens, head) ? 'journey' : null;
}

/** No names joined to the first: one list for every phrase of one name. */
const NO_MENTIONS: readonly PlaceMention[] = [];

/**
 * Marks the places of one phrase (a name `head` and the names joined to it by و)
 * that do not locate an act, and those an act was between; all share the
 * first's reading. Added to `found` as read, where the phrase's names were
 * gathered into a list, marked into another, and spread into `found`.
 */
function setAside(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  head: PlaceMention,
  joined: readonly PlaceMention[],
  cues: Readonly<Cues>,
  found: PlaceMention[],
): void {
  const aside = asideOf(gazetteer, tokens, head);
  // Asked only of a second name: a read before the first token (index -1) leaves V8's fast
  // path for a search of the array's prototypes, some 15 times as slow as a read inside it.
  const second = joined[0];
  const ends =
    cues.between || (second !== undefined && DASHES.has(tokens[second.start - 1]?.text ?? ''));
  const paired = ends ? nearbyPair([head, ...joined]) : null;
  const count = 1 + joined.length;
  for (let k = 0; k < count; k++) {
    const m = paired === null ? (k === 0 ? head : joined[k - 1]) : paired[k];
    if (m === undefined) continue;
    // A copy given its fields one by one: spreading several objects into one sends
    // V8 down its slow path, for every place a report names.
    const namedAfter =
      k === 0 &&
      !m.settlement &&
      (cues.namedAfter || gazetteer.isA(tokenAt(tokens, m.start - 1), 'namedAfter'));
    const between = cues.between && count > 1 && k <= 1;
    // The settlement word came with each mention (`buildMention`, `unknownMention`).
    if (aside === null && !namedAfter && !between) {
      found.push(m);
      continue;
    }
    const marked = shaped(m);
    if (aside !== null) marked.aside = aside;
    if (namedAfter) marked.namedAfter = true;
    if (between) marked.between = true;
    found.push(marked);
  }
}

/** Two towns this close can be the ends of one stretch of road, or what an act was between. */
export const BETWEEN_KM = 25;

/**
 * «بين بلدتي داعل وطفس», «طريق نوى - الشيخ مسكين»: the two names vouch for each
 * other; of their namesakes, only those near one another are meant.
 */
function nearbyPair(mentions: readonly PlaceMention[]): readonly PlaceMention[] {
  const a = mentions[0];
  const b = mentions[1];
  if (a === undefined || b === undefined) return mentions;
  const pair = nearEachOther(a.candidates, b.candidates);
  if (pair.fromA.length === 0 || pair.fromB.length === 0) return mentions;
  // Copied by index, where the list was taken apart and spread together again.
  const paired = mentions.slice();
  paired[0] = vouched(a, pair.fromA, pair.factsA);
  paired[1] = vouched(b, pair.fromB, pair.factsB);
  return paired;
}

/** A mention of a pair read with the candidates the other name vouches for, and their facts. */
function vouched(m: PlaceMention, candidates: readonly Place[], facts: ListFacts): PlaceMention {
  const copy = shaped(m);
  copy.candidates = candidates;
  copy.facts = facts;
  // Fewer candidates may vouch for fewer areas: worked out from these when asked.
  copy.areas = undefined;
  copy.weak = false;
  return copy;
}

/** The places of each of two lists near a place of the other (`nearEachOther`), and their facts. */
interface NearPair {
  readonly fromA: readonly Place[];
  readonly fromB: readonly Place[];
  readonly factsA: ListFacts;
  readonly factsB: ListFacts;
}

/**
 * What `nearEachOther` found, by the first list and the second: a list of candidates is one
 * array for every mention of a name read alike (`readNames`), and a report names the same
 * two towns of a road or a front again and again, each time measuring every pair of their
 * namesakes. Kept, the lists it gives are one array each, so what is kept of a list of
 * candidates (`adminCodesOf`, `resolveMention`) is kept for them too, where each pair made
 * two new lists to work out anew.
 */
const nearByLists = new WeakMap<readonly Place[], WeakMap<readonly Place[], NearPair>>();

/**
 * The places of each list within `BETWEEN_KM` of another place of the other, each list's in
 * its order: each pair measured once, where each was measured from both sides by callbacks.
 */
function nearEachOther(as: readonly Place[], bs: readonly Place[]): NearPair {
  let byB = nearByLists.get(as);
  if (byB === undefined) {
    byB = new WeakMap();
    nearByLists.set(as, byB);
  }
  let pair = byB.get(bs);
  if (pair === undefined) {
    pair = measuredPair(as, bs);
    byB.set(bs, pair);
  }
  return pair;
}

/** `nearEachOther` worked out. */
function measuredPair(as: readonly Place[], bs: readonly Place[]): NearPair {
  const fromA: Place[] = [];
  const nearB = new Array<boolean>(bs.length).fill(false);
  for (let i = 0; i < as.length; i++) {
    const p = as[i];
    if (p === undefined) continue;
    let near = false;
    for (let j = 0; j < bs.length; j++) {
      const q = bs[j];
      if (q === undefined || q.id === p.id || distanceKm(p, q) > BETWEEN_KM) continue;
      near = true;
      nearB[j] = true;
    }
    if (near) fromA.push(p);
  }
  return {
    fromA,
    fromB: bs.filter((_, j) => nearB[j] === true),
    factsA: noListFacts(),
    factsB: noListFacts(),
  };
}

/** «في البلدة», «وسط المدينة»: a definite settlement word with no name after it points back. */
function anaphorAt(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  start: number,
  end: number,
  relation: PlaceRelation,
): PlaceMention | null {
  const word = tokens[end - 1];
  const points = withArticle(gazetteer, word) ? gazetteer.anaphorOf(word) : null;
  const following = tokens[end];
  // «المدينة الصناعية», «القرية المجاورة»: a word after it says which; leave those alone.
  if (points === null || (following?.kind === 'word' && following.text.startsWith('ال')))
    return null;
  return shaped({
    start,
    end,
    nameStart: end - 1,
    nameEnd: end,
    candidates: [],
    relation,
    settlement: true,
    facility: false,
    admin: null,
    direction: null,
    compass: false,
    pair: false,
    weak: false,
    origin: isOrigin(gazetteer, tokens, start),
    anaphor: points,
  });
}

/** «الأحياء الشمالية»: every word of tokens `[start, end)` is no name, its clitics set aside. */
function allNotNames(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  start: number,
  end: number,
): boolean {
  for (let k = start; k < end; k++) {
    const token = tokens[k];
    if (token !== undefined && !gazetteer.notAName(token)) return false;
  }
  return true;
}

/** The name starts a quotation that closes after the name ends: «قرية "ميدان الغزال"» read as «ميدان». */
function quotedBeyond(tokens: readonly Token[], start: number, end: number): boolean {
  if ((tokens[start]?.openQuote ?? null) === null) return false;
  // Read in place, where two copies of the tokens were made and searched by callbacks.
  if (closesIn(tokens, start, end)) return false;
  return closesIn(tokens, end, start + MAX_UNKNOWN_NAME);
}

/** Whether a quotation closes after one of tokens `[from, to)` (those there are). */
function closesIn(tokens: readonly Token[], from: number, to: number): boolean {
  const last = Math.min(to, tokens.length);
  for (let k = from; k < last; k++) if ((tokens[k] as Token).closeQuote !== null) return true;
  return false;
}

/** «وسط المدينة», «أطراف القرية»: a cue phrase that ends on a settlement word with the article. */
function endsDefinite(gazetteer: Gazetteer, tokens: readonly Token[], end: number): boolean {
  const last = tokens[end - 1];
  return gazetteer.anaphorOf(last) !== null && withArticle(gazetteer, last);
}
