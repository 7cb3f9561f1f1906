import { hash } from 'node:crypto';
import type { Document, DocumentResult } from '../contracts/index.js';
import { loadGazetteer } from '../gazetteer/index.js';
import type { Gazetteer, PlaceMention, ResolvedPlace } from '../gazetteer/index.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/index.js';
import type { DateExpression } from '../text/index.js';
import { analyze, textOf } from './analysis.js';
import type { Analysis } from './analysis.js';
import { Attribution } from './attribution.js';
import { buildIncident } from './build.js';
import type { BuildContext } from './build.js';
import { splitClauses } from './clauses.js';
import type { Clause } from './clauses.js';
import { resolveEntities } from './entities.js';
import { inheritBackground, inheritHabitual, readClause } from './events.js';
import type { EventMention } from './events.js';
import { findFigures } from './figures.js';
import type { FigureState } from './figures.js';
import { bestPlace, gatherIncidents } from './incidents.js';
import { locatePlaces } from './places.js';
import { splitByPlace } from './split.js';
import { buildTallies, markTallies } from './tallies.js';

/** The dictionaries and gazetteer extraction reads with; load once, extract many. */
export interface Knowledge {
  readonly lexicon: Lexicon;
  readonly gazetteer: Gazetteer;
}

export interface ExtractOptions {
  /** Publication date (`YYYY-MM-DD`) when the document does not carry one. */
  readonly published?: string | null;
  /** Loaded dictionaries and gazetteer; the shipped ones when omitted. */
  readonly knowledge?: Knowledge;
}

let shipped: Knowledge | null = null;

/** The shipped dictionaries and gazetteer, loaded on first use. */
export function shippedKnowledge(): Knowledge {
  shipped ??= { lexicon: loadLexicon(), gazetteer: loadGazetteer() };
  return shipped;
}

function documentId(text: string): string {
  return `sha256:${hash('sha256', text.normalize('NFC'), 'hex')}`;
}

function eventMentions(
  analysis: Analysis,
  gazetteer: Gazetteer,
  warnings: string[],
): {
  mentions: EventMention[];
  headline: readonly ResolvedPlace[];
  unlisted: readonly PlaceMention[];
} {
  const entities = resolveEntities(analysis);
  const attribution = new Attribution(analysis, entities);
  const clauses = splitClauses(analysis);
  const grievances = topics(analysis, clauses);
  const speakerZones = attribution.speakerZones();
  const places = locatePlaces(analysis, gazetteer, [
    ...speakerZones,
    ...datelines(analysis),
    ...grievances,
  ]);
  for (const r of places.resolved) {
    if (r.mention.loose !== true) continue;
    const written = textOf(analysis, r.mention.nameStart, r.mention.nameEnd);
    warnings.push(
      `place «${written}» read as «${r.place.nameAr}» (${r.place.id}), one letter off the gazetteer's spelling`,
    );
  }
  const dateTokens = new Set(
    analysis.dates.flatMap((d) => Array.from({ length: d.end - d.start }, (_, k) => d.start + k)),
  );
  const state: FigureState = {
    consumed: new Set(),
    dateTokens,
    lastMeasure: null,
    lastVictim: null,
    lastVictimClass: null,
  };
  const inputs = {
    analysis,
    entities,
    attribution,
    speakers: attribution.speakerStarts(),
    describesSpeaker: (i: number) => speakerZones.some((z) => i >= z.start && i < z.end),
  };
  const mentions = clauses
    .map((clause) => {
      // «احتجاجاً على اعتقال المئات»: a grievance's counts are not the protest's.
      const figures = findFigures(analysis, entities, state, clause.start, clause.end).filter(
        (f) => !grievances.some((z) => f.start >= z.start && f.start < z.end),
      );
      const here = places.resolved.filter(
        (p) => p.mention.start >= clause.start && p.mention.end <= clause.end,
      );
      return splitByPlace(analysis, readClause(inputs, clause, figures, here));
    })
    .flat();
  return { mentions, headline: places.headline, unlisted: places.unknown };
}

/**
 * «شبكة وتر - دمشق -», «إيلاف من بيروت:»: the dateline opening a report names
 * where it was filed, not where the act was.
 */
function datelines(analysis: Analysis): { start: number; end: number }[] {
  const first = analysis.sentences.find((s) => s.prose);
  if (first === undefined) return [];
  let end = -1;
  for (
    let i = first.tokenStart;
    i < Math.min(first.tokenEnd, first.tokenStart + DATELINE_TOKENS);
    i++
  ) {
    const t = analysis.tokens[i]?.text;
    if (t === '-' || t === ':') end = i + 1;
  }
  return end < 0 ? [] : [{ start: first.tokenStart, end }];
}

/**
 * «مظاهرات في جبلة تندد بحرق مزار في حلب»: what a protest is about, from its
 * cue to the next comma or the end of the clause, names places that are not
 * where it was.
 */
function topics(analysis: Analysis, clauses: readonly Clause[]): { start: number; end: number }[] {
  return analysis.annotations.cues.flatMap((cue) => {
    if (cue.entry.cue !== 'topic') return [];
    const clause = clauses.find((c) => cue.start >= c.start && cue.start < c.end);
    if (clause === undefined) return [];
    let end = cue.end;
    while (end < clause.end && analysis.tokens[end]?.kind !== 'punct') end++;
    return [{ start: cue.start, end }];
  });
}

/** A dateline is a few words at the head of the first paragraph. */
const DATELINE_TOKENS = 8;

function buildContext(
  analysis: Analysis,
  mentions: readonly EventMention[],
  read: { headline: readonly ResolvedPlace[]; unlisted: readonly PlaceMention[] },
  warnings: string[],
): BuildContext {
  const { headline, unlisted } = read;
  const days: DateExpression[] = mentions
    .filter((m) => !m.background && m.date?.precision === 'day')
    .flatMap((m) => (m.date === null ? [] : [m.date]));
  const placed = mentions.filter((m) => m.places.length > 0);
  return {
    analysis,
    narrativeDay: (token) => days.filter((d) => d.start < token).at(-1) ?? null,
    // The place of the last clause that named one: its most specific («قرية X بريف Y» is X).
    placeBefore: (token) => {
      const earlier = placed.filter((m) => m.clause.start < token).at(-1);
      return bestPlace(earlier?.places ?? headline);
    },
    unlistedPlaces: (start, end) => unlisted.filter((m) => m.start >= start && m.end <= end),
    warn: (message) => warnings.push(message),
  };
}

/**
 * Reads one report and returns the incidents it reports, each figure tied to
 * whoever claimed it and every field to the words it came from.
 *
 * @example
 * const result = extract({ text, title: null, outlet: null, url: null, published: '2017-04-13' });
 * result.incidents[0]?.claims[0]?.claimant; // 'Amaq'
 */
export function extract(document: Document, options: ExtractOptions = {}): DocumentResult {
  const knowledge = options.knowledge ?? shippedKnowledge();
  const doc: Document = { ...document, published: document.published ?? options.published ?? null };
  const analysis = analyze(doc, knowledge.lexicon);
  const warnings: string[] = [];
  for (const d of analysis.dates) {
    if (d.warning !== null)
      warnings.push(`date «${textOf(analysis, d.start, d.end)}»: ${d.warning}`);
  }
  if (analysis.published === null)
    warnings.push('no publication date: relative dates («أمس», «اليوم») are left unresolved');
  const read = eventMentions(analysis, knowledge.gazetteer, warnings);
  const mentions = markTallies(inheritBackground(inheritHabitual(analysis, read.mentions)));
  const context = buildContext(analysis, mentions, read, warnings);
  const drafts = gatherIncidents(mentions);
  const incidents = drafts.map((draft, k) => buildIncident(context, draft, `i${String(k + 1)}`));
  // Places the gazetteer lacks outside every incident are worth knowing too.
  const told = drafts.flatMap((d) => d.mentions.map((m) => m.clause));
  for (const m of read.unlisted) {
    if (told.some((c) => m.start >= c.start && m.end <= c.end)) continue;
    warnings.push(`place «${textOf(analysis, m.start, m.nameEnd)}» is not in the gazetteer`);
  }
  return {
    document: {
      id: documentId(doc.text),
      title: doc.title,
      outlet: doc.outlet,
      url: doc.url,
      published: doc.published,
      language: 'ar',
      text: doc.text,
    },
    incidents,
    tallies: buildTallies(analysis, mentions),
    warnings,
  };
}
