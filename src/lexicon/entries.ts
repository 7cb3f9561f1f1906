import type { Measure } from '../contracts/index.js';
import type { Era, TriggerRole, VictimClass } from './schema.js';

/** What a dictionary phrase means. One phrase may mean several things («قتل» is a measure and a trigger). */
export type LexEntry =
  | ActorEntry
  | NisbaEntry
  | ClaimantEntry
  | TriggerEntry
  | { readonly kind: 'suicide_cue' }
  | { readonly kind: 'air_cue' }
  | MeasureEntry
  | { readonly kind: 'not_figure' }
  | VictimEntry
  | AttributionEntry
  | CueEntry
  | QualifierEntry;

/** How an actor form names its actor: always the same, by era, or by the actors around it. */
export type ActorRef =
  | { readonly type: 'fixed'; readonly id: string }
  | { readonly type: 'era'; readonly eras: readonly Era[] }
  | {
      readonly type: 'context';
      readonly candidates: readonly string[];
      readonly eras: readonly Era[];
    };

export interface ActorEntry {
  readonly kind: 'actor';
  readonly ref: ActorRef;
}

export interface NisbaEntry {
  readonly kind: 'nisba';
  readonly id: string;
}

export interface ClaimantEntry {
  readonly kind: 'claimant';
  readonly id: string;
  /** A kind of source («مصادر», «شبكة») rather than a named one. */
  readonly generic: boolean;
}

export interface TriggerEntry {
  readonly kind: 'trigger';
  readonly eventType: string;
  readonly subEventType: string;
  readonly strength: 1 | 2 | 3;
  readonly role: TriggerRole | null;
  readonly tags: readonly string[];
}

export type MeasurePosition = 'before_count' | 'after_count' | 'dual';

export interface MeasureEntry {
  readonly kind: 'measure';
  readonly measure: Measure;
  readonly position: MeasurePosition;
  /** A pronoun suffix names the victims: 1 («مقتله»), 2 («مقتلهما»), or several («اعتقالهم»). */
  readonly pronoun: 1 | 2 | 'plural' | null;
  /** A singular casualty noun («قتيل», «جثة»): one person when no count stands before it. */
  readonly one?: true;
  /**
   * A verb that means this measure only with a word that completes it, a few
   * words on («لقي … حتفه», «فارق … الحياة»): the completions' keys, each with
   * the pronoun it carries.
   */
  readonly completions?: readonly Completion[];
}

/** A word that completes an idiom, by its key, and the victims its pronoun names («حتفهم» several). */
export interface Completion {
  readonly key: string;
  readonly pronoun: 1 | 2 | 'plural' | null;
}

export type GrammaticalNumber = 'singular' | 'dual' | 'plural';

export interface VictimEntry {
  readonly kind: 'victim';
  readonly victimClass: VictimClass;
  readonly number: GrammaticalNumber;
  /** A nationality («سوريين», «أتراك»), or soldiers of no named army: the state whose forces they are, by era. */
  readonly forces?: readonly Era[];
}

export type AttributionKind =
  | 'verb'
  | 'according_to'
  | 'via'
  | 'relay'
  | 'relay_verb'
  | 'continuation'
  | 'complementizer'
  | 'editorial';

export interface AttributionEntry {
  readonly kind: 'attribution';
  readonly attribution: AttributionKind;
  /** A dual or plural verb («ذكرا», «أعلنوا»): its subject was named before it. */
  readonly afterSubject?: boolean;
}

export type CueKind =
  | 'clause_break'
  | 'new_act'
  | 'new_act_opener'
  | 'background'
  | 'anniversary'
  | 'topic'
  | 'tally'
  | 'habitual'
  | 'descriptive'
  | 'negation'
  | 'hypothetical'
  | 'ongoing'
  | 'event_reference'
  | 'civilian_site'
  | 'military_site'
  | 'clause_verb'
  | 'similar_act';

export interface CueEntry {
  readonly kind: 'cue';
  readonly cue: CueKind;
}

export interface QualifierEntry {
  readonly kind: 'qualifier';
  readonly qualifier: 'approx' | 'more_than' | 'at_least' | 'up_to' | 'vague';
}
