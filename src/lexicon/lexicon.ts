import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Zod from 'zod';
import { shippedDataDir } from './data-dir.js';
import type { ActorEntry, Completion, CueKind, LexEntry, TriggerEntry } from './entries.js';
import { accusative, nominativeDual, nounForms, verbForms } from './morphology.js';
import { PhraseIndex, phraseKeys } from './phrase-index.js';
import { lexiconSchemas } from './schema.js';
import type { Era, LexiconSchemas } from './schema.js';

export interface ActorInfo {
  readonly id: string;
  readonly name: string;
  /** Its Arabic name: the first of its forms, the one the dictionary lists it by. */
  readonly nameAr: string;
  /** ACLED inter code: 1 state forces … 8 external forces. */
  readonly inter: number;
  /** Governs territory de facto (the SDF in the north-east): its arrests are Arrests. */
  readonly authority: boolean;
  /** The side it fights on with others («government»: the army, Hezbollah, Iran's militias, Russia), if listed. */
  readonly camp: string | null;
}

export interface ClaimantInfo {
  readonly id: string;
  readonly name: string;
  /** Its Arabic name: the first of its forms. */
  readonly nameAr: string;
  /** The actor a claimant speaks for, by era; empty for monitors and independent sources. */
  readonly partyOf: readonly Era[];
}

/** A trigger told as a verb and its object, with its subject between them. */
export interface SplitTrigger {
  readonly verbKeys: ReadonlySet<string>;
  readonly objectKeys: ReadonlySet<string>;
  readonly entry: TriggerEntry;
}

/** Who the actors and claimants are, by id: what a command names them by, without the dictionaries' forms. */
export interface LexiconNames {
  readonly actors: ReadonlyMap<string, ActorInfo>;
  readonly claimants: ReadonlyMap<string, ClaimantInfo>;
}

/** Every dictionary wathiq reads reports with, compiled for matching. */
export interface Lexicon extends LexiconNames {
  readonly index: PhraseIndex<LexEntry>;
  /** Triggers whose verb and object the subject may stand between («أطلق مسلحون النار»). */
  readonly splitTriggers: readonly SplitTrigger[];
  /** Sub-event types, most specific first (ACLED's order for one event with several). */
  readonly hierarchy: readonly string[];
}

/** A data file failed to load: names the file and what is wrong with it. */
export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

function readJson<T>(dir: string, file: string, schema: Zod.ZodType<T>): T {
  return readDataFile(join(dir, file), schema);
}

/**
 * A knowledge data file (JSON) read and checked against its schema; a broken
 * one throws a LexiconError naming the file and the first thing wrong in it.
 */
export function readDataFile<T>(path: string, schema: Zod.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LexiconError(`${path}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : issue.path.join('.');
    throw new LexiconError(`${path}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const PRONOUNS: readonly (readonly [string, 1 | 2 | 'plural'])[] = [
  ['ه', 1],
  ['ها', 1],
  ['هما', 2],
  ['هم', 'plural'],
  ['هن', 'plural'],
];

/** «وفاة» takes its pronoun as «وفاته»: a final ة becomes ت before a suffix. */
function withSuffix(form: string, suffix: string): string {
  return form.endsWith('ة') ? `${form.slice(0, -1)}ت${suffix}` : `${form}${suffix}`;
}

/** An idiom's completing word as the index keys it: «بحياة» meets «حياة» through its proclitic. */
function completion(form: string, pronoun: Completion['pronoun']): Completion {
  const key = phraseKeys(form)[0];
  if (key === undefined || phraseKeys(form).length !== 1)
    throw new LexiconError(`measures.json: idiom completion «${form}» must be one word`);
  return { key, pronoun };
}

type ActorRecord = Zod.infer<LexiconSchemas['zActorsFile']>['actors'][number];
type ClaimantRecord = Zod.infer<LexiconSchemas['zClaimantsFile']>['claimants'][number];

function actorInfo(actor: ActorRecord): ActorInfo {
  return {
    id: actor.id,
    name: actor.name,
    nameAr: actor.forms[0] ?? actor.name,
    inter: actor.inter,
    authority: actor.authority,
    camp: actor.camp ?? null,
  };
}

function claimantInfo(claimant: ClaimantRecord): ClaimantInfo {
  return {
    id: claimant.id,
    name: claimant.name,
    nameAr: claimant.forms[0] ?? claimant.name,
    partyOf: claimant.party_of ?? [],
  };
}

/**
 * The actors and claimants alone, from the same files: what exports and
 * listings name them by, at a fraction of the cost of compiling every form
 * for matching (`export` and `review` start faster for it).
 */
export function loadNames(dir = join(shippedDataDir(), 'lexicon')): LexiconNames {
  return {
    actors: new Map(
      readJson(dir, 'actors.json', lexiconSchemas().zActorsFile).actors.map((a) => [
        a.id,
        actorInfo(a),
      ]),
    ),
    claimants: new Map(
      readJson(dir, 'claimants.json', lexiconSchemas().zClaimantsFile).claimants.map((c) => [
        c.id,
        claimantInfo(c),
      ]),
    ),
  };
}

/**
 * Loads the dictionaries from `dir` (the shipped `data/lexicon` by default).
 * Throws a LexiconError naming the file and field when a file is malformed.
 */
export function loadLexicon(dir = join(shippedDataDir(), 'lexicon')): Lexicon {
  const index = new PhraseIndex<LexEntry>();
  const actors = new Map<string, ActorInfo>();
  const claimants = new Map<string, ClaimantInfo>();
  const add = (forms: readonly string[], entry: LexEntry): void => {
    for (const form of forms) index.add(form, entry);
  };

  const actorsFile = readJson(dir, 'actors.json', lexiconSchemas().zActorsFile);
  for (const actor of actorsFile.actors) {
    actors.set(actor.id, actorInfo(actor));
    add(actor.forms, { kind: 'actor', ref: { type: 'fixed', id: actor.id } });
    // «هجوما صاروخيا إسرائيليا»: a masculine adjective takes the accusative of its noun.
    const masculine = actor.nisba.filter((w) => w.endsWith('ي'));
    add([...actor.nisba, ...masculine.map(accusative)], { kind: 'nisba', id: actor.id });
  }
  for (const alias of actorsFile.aliases) {
    const entry: ActorEntry =
      alias.context === undefined
        ? { kind: 'actor', ref: { type: 'era', eras: alias.eras ?? [] } }
        : {
            kind: 'actor',
            ref: { type: 'context', candidates: alias.context, eras: alias.eras ?? [] },
          };
    add(alias.forms, entry);
  }

  for (const claimant of readJson(dir, 'claimants.json', lexiconSchemas().zClaimantsFile)
    .claimants) {
    claimants.set(claimant.id, claimantInfo(claimant));
    add(claimant.forms, { kind: 'claimant', id: claimant.id, generic: false });
    add(claimant.generic ?? [], { kind: 'claimant', id: claimant.id, generic: true });
  }

  const triggers = readJson(dir, 'triggers.json', lexiconSchemas().zTriggersFile);
  const splitTriggers: SplitTrigger[] = [];
  for (const t of triggers.triggers) {
    const entry: TriggerEntry = {
      kind: 'trigger',
      eventType: t.event_type,
      subEventType: t.sub_event_type,
      strength: t.strength as 1 | 2 | 3,
      role: t.role ?? null,
      tags: t.tags,
    };
    const except = new Set(t.except);
    const generated = (forms: readonly string[]) => forms.filter((f) => !except.has(f));
    add(t.forms, entry);
    for (const noun of t.nouns) {
      const { singular, dual } = nounForms(noun);
      add(generated(singular), entry);
      add(generated(dual), entry);
    }
    for (const verb of t.verbs) add(generated(verbForms(verb)), entry);
    for (const s of t.split) {
      splitTriggers.push({
        verbKeys: new Set(generated(s.verbs.flatMap(verbForms)).flatMap(phraseKeys)),
        objectKeys: new Set(s.objects.flatMap(phraseKeys)),
        entry,
      });
    }
  }
  add(triggers.suicide_cues, { kind: 'suicide_cue' });
  add(triggers.air_cues, { kind: 'air_cue' });

  const measures = readJson(dir, 'measures.json', lexiconSchemas().zMeasuresFile);
  for (const m of measures.measures) {
    const except = new Set(m.except);
    const verbs = m.verbs.flatMap(verbForms).filter((f) => !except.has(f));
    add([...new Set([...verbs, ...m.before_count])], {
      kind: 'measure',
      measure: m.measure,
      position: 'before_count',
      pronoun: null,
    });
    const singular = new Set(m.singular_nouns);
    for (const form of m.after_count) {
      index.add(form, {
        kind: 'measure',
        measure: m.measure,
        position: 'after_count',
        pronoun: null,
        ...(singular.has(form) ? { one: true } : {}),
      });
    }
    add(m.duals, { kind: 'measure', measure: m.measure, position: 'dual', pronoun: null });
    for (const idiom of m.idioms) {
      const completions = [
        ...idiom.completions.map((form) => completion(form, null)),
        ...idiom.completion_stems.flatMap((stem) =>
          PRONOUNS.map(([suffix, pronoun]) => completion(withSuffix(stem, suffix), pronoun)),
        ),
      ];
      add(idiom.verbs, {
        kind: 'measure',
        measure: m.measure,
        position: 'before_count',
        pronoun: null,
        completions,
      });
    }
    for (const form of m.pronoun_forms) {
      for (const [suffix, pronoun] of PRONOUNS) {
        index.add(withSuffix(form, suffix), {
          kind: 'measure',
          measure: m.measure,
          position: 'before_count',
          pronoun,
        });
      }
    }
  }
  add(measures.not_figures, { kind: 'not_figure' });

  const victims = readJson(dir, 'victims.json', lexiconSchemas().zVictimsFile);
  for (const c of victims.classes) {
    const singular = c.singular.filter((w) => !w.includes(' '));
    const forces = c.forces === undefined ? {} : { forces: c.forces };
    add([...c.singular, ...singular.map(accusative)], {
      kind: 'victim',
      victimClass: c.class,
      number: 'singular',
      ...forces,
    });
    add(c.plural, { kind: 'victim', victimClass: c.class, number: 'plural', ...forces });
    add([...c.dual, ...singular.map(nominativeDual)], {
      kind: 'victim',
      victimClass: c.class,
      number: 'dual',
      ...forces,
    });
  }

  for (const n of victims.nationalities) {
    const forces = n.forces;
    add(n.singular, { kind: 'victim', victimClass: 'person', number: 'singular', forces });
    add(n.plural, { kind: 'victim', victimClass: 'person', number: 'plural', forces });
  }

  const attribution = readJson(dir, 'attribution.json', lexiconSchemas().zAttributionFile);
  add(attribution.verbs, { kind: 'attribution', attribution: 'verb' });
  add(attribution.verbs_after_subject, {
    kind: 'attribution',
    attribution: 'verb',
    afterSubject: true,
  });
  add(attribution.according_to, { kind: 'attribution', attribution: 'according_to' });
  add(attribution.via, { kind: 'attribution', attribution: 'via' });
  add(attribution.relay, { kind: 'attribution', attribution: 'relay' });
  add(attribution.relay_verbs, { kind: 'attribution', attribution: 'relay_verb' });
  add(attribution.continuation, { kind: 'attribution', attribution: 'continuation' });
  add(attribution.complementizers, { kind: 'attribution', attribution: 'complementizer' });
  add(attribution.editorial, { kind: 'attribution', attribution: 'editorial' });

  const cues = readJson(dir, 'cues.json', lexiconSchemas().zCuesFile);
  const cueLists: readonly (readonly [CueKind, readonly string[]])[] = [
    ['clause_break', cues.clause_breaks],
    ['new_act', cues.new_act],
    ['new_act_opener', cues.new_act_openers],
    ['background', cues.background],
    ['anniversary', cues.anniversaries],
    ['topic', cues.topics],
    ['tally', cues.tally],
    ['habitual', cues.habitual],
    ['descriptive', cues.descriptive],
    ['negation', cues.negation],
    ['hypothetical', cues.hypothetical],
    ['ongoing', cues.ongoing],
    ['event_reference', cues.event_references],
    ['civilian_site', cues.civilian_sites],
    ['military_site', cues.military_sites],
    ['clause_verb', cues.clause_verbs],
    ['similar_act', cues.similar_acts],
  ];
  for (const [cue, forms] of cueLists) add(forms, { kind: 'cue', cue });
  for (const [qualifier, forms] of Object.entries(cues.qualifiers)) {
    add(forms, { kind: 'qualifier', qualifier: qualifier as 'approx' });
  }

  return { index, splitTriggers, actors, claimants, hierarchy: triggers.hierarchy };
}

/** The id an era list gives on a day (ISO); with no day, the latest era. */
export function idForDay(eras: readonly Era[], day: string | null): string | null {
  if (eras.length === 0) return null;
  if (day === null) return eras.at(-1)?.id ?? null;
  const era = eras.find(
    (e) => (e.from === undefined || e.from <= day) && (e.until === undefined || day <= e.until),
  );
  return era?.id ?? null;
}
