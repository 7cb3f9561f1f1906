import { hash } from 'node:crypto';
import type { Document, DocumentResult } from '../contracts/index.js';
import { analyze, grievances, splitClauses } from './01-read/index.js';
import type { Analysis } from './01-read/index.js';
import { readSpeakers } from './02-speakers/index.js';
import { datelines, locatePlaces } from './03-places/index.js';
import type { ReportPlaces } from './03-places/index.js';
import { figuresByClause } from './04-figures/index.js';
import { inheritBackground, inheritHabitual, markTallies } from './05-acts/index.js';
import { gatherIncidents, readFrames } from './07-gather/index.js';
import type { EventMention } from './07-gather/index.js';
import { writeReport } from './08-write/index.js';
import { shippedKnowledge } from '../gazetteer/index.js';
import type { Knowledge } from '../gazetteer/index.js';

export interface ExtractOptions {
  /** Publication date (`YYYY-MM-DD`) when the document does not carry one. */
  readonly published?: string | null;
  /** Loaded dictionaries and gazetteer; the shipped ones when omitted. */
  readonly knowledge?: Knowledge;
}

function documentId(text: string): string {
  return `sha256:${hash('sha256', text.normalize('NFC'), 'hex')}`;
}

/** A report read up to its event frames: what the rest of the recipe gathers and writes. */
export interface ReadReport {
  readonly analysis: Analysis;
  readonly places: ReportPlaces;
  readonly frames: readonly EventMention[];
}

/**
 * The recipe's first half: each rule family answers one question, in this
 * order, and every clause with an act of its own becomes an event frame.
 */
export function readReportFrames(document: Document, knowledge: Knowledge): ReadReport {
  const { lexicon, gazetteer } = knowledge;
  // 01 read: normalized tokens, dictionary phrases, dates, sentences, clauses.
  const analysis = analyze(document, lexicon);
  const clauses = splitClauses(analysis);
  const about = grievances(analysis, clauses);
  // 02 speakers: who speaks for each stretch of text.
  const speakers = readSpeakers(analysis);
  // 03 places: where, leaving out the places that only say who spoke, where the report was filed, or what a protest is about.
  const places = locatePlaces(analysis, gazetteer, [
    ...speakers.zones,
    ...datelines(analysis),
    ...about,
  ]);
  // 04 figures: the counts each clause states.
  const figures = figuresByClause(
    analysis,
    speakers.entities,
    clauses,
    about,
    places.resolved.map((p) => p.mention),
  );
  // 05 acts and 06 sides, clause by clause: an event frame per clause.
  // The inputs written out: V8 copies a spread followed by a field of its own on a slow path.
  const frames = readFrames(
    {
      analysis,
      entities: speakers.entities,
      attribution: speakers.attribution,
      speakers: speakers.starts,
      describesSpeaker: speakers.describesSpeaker,
    },
    clauses,
    figures,
    places.resolved,
  );
  return { analysis, places, frames };
}

/**
 * The document as extraction reads it: the contract's five fields, its
 * publication date the caller's when it carries none. Written field by field,
 * not `{ ...document, published }`: V8 gives a spread's object a map of its own
 * that lives only while such an object does. A long report's pass runs a full
 * collection, the next report's document gets a new map, and every stage
 * compiled to read the old one (08-write reads its text at each span) falls
 * back to the interpreter and is compiled again.
 */
export function documentRead(document: Document, published?: string | null): Document {
  return {
    text: document.text,
    title: document.title,
    outlet: document.outlet,
    url: document.url,
    published: document.published ?? published ?? null,
  };
}

/**
 * Reads one report and returns the incidents it reports, each figure tied to
 * whoever claimed it and every field to the words it came from: its frames
 * read (`readReportFrames`), then gathered into incidents and written.
 *
 * @example
 * const result = extract({ text, title: null, outlet: null, url: null, published: '2017-04-13' });
 * result.incidents[0]?.claims[0]?.claimant; // 'Amaq'
 */
export function extract(document: Document, options: ExtractOptions = {}): DocumentResult {
  const knowledge = options.knowledge ?? shippedKnowledge();
  const doc = documentRead(document, options.published);
  const { analysis, places, frames } = readReportFrames(doc, knowledge);
  // 05 acts, across clauses: past acts told at length, general situations, tallies.
  const told = markTallies(inheritBackground(inheritHabitual(analysis, frames)));
  // 07 gather: frames of one act become one incident.
  const camp = (id: string): string | null => knowledge.lexicon.actors.get(id)?.camp ?? null;
  const drafts = gatherIncidents(told, (a, b) => camp(a) !== null && camp(a) === camp(b));
  // 08 write: the contract's incidents and tallies, with what a reviewer should know.
  const { incidents, tallies, warnings, coded_warnings } = writeReport(
    analysis,
    told,
    drafts,
    places,
  );
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
    tallies,
    warnings,
    coded_warnings,
  };
}
