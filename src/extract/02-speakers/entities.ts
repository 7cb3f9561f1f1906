import { idForDay } from '../../lexicon/index.js';
import type { ActorRef } from '../../lexicon/index.js';
import type { Analysis } from '../01-read/index.js';

/**
 * A named actor or source in the report, resolved to vocabulary ids.
 * One phrase can be both («الأهالي»: civilians, and local sources).
 * Keep every field required: resolveEntities writes a merged mention out field
 * by field, and an optional field added here would be dropped without a word.
 */
export interface EntityMention {
  /** Tokens `[start, end)`. */
  readonly start: number;
  readonly end: number;
  /** The armed actor (or civilians, protesters) it names, if any. */
  readonly actor: string | null;
  /** The source it names when it speaks, if any. Actors can speak for themselves. */
  readonly claimant: string | null;
  /** A kind of source («مصادر», «شبكة») rather than a named one. */
  readonly generic: boolean;
  /** An adjective («تركية») that names the actor only next to a weapon or force word. */
  readonly nisba: boolean;
}

function resolveRef(ref: ActorRef, day: string | null, recent: readonly string[]): string | null {
  switch (ref.type) {
    case 'fixed':
      return ref.id;
    case 'era':
      return idForDay(ref.eras, day);
    case 'context': {
      // The most recently named candidate, else the era's default.
      for (let k = recent.length - 1; k >= 0; k--) {
        const id = recent[k];
        if (id !== undefined && ref.candidates.includes(id)) return id;
      }
      const byEra = idForDay(ref.eras, day);
      return byEra !== null && ref.candidates.includes(byEra) ? byEra : (byEra ?? null);
    }
  }
}

/**
 * Resolves the report's actor and source phrases, in text order. Era aliases
 * take the publication day («قوات الحكومة السورية» before or after 2024-12-08);
 * context aliases take the last actor named among their candidates («قوات الأمن»
 * in a report about the SDF is the Asayish).
 */
export function resolveEntities(analysis: Analysis): EntityMention[] {
  const day = analysis.published;
  const fixedIds: string[] = [];
  for (const a of analysis.annotations.entities) {
    if (a.entry.kind !== 'actor' || a.entry.ref.type === 'context') continue;
    const id = resolveRef(a.entry.ref, day, []);
    if (id !== null) fixedIds.push(id);
  }
  const recent: string[] = [];
  const mentions: EntityMention[] = [];
  // How specific a source the last mention names: only a mention of the same phrase is merged into it.
  let lastPriority = 0;
  for (const a of analysis.annotations.entities) {
    let mention: EntityMention;
    let priority: number;
    switch (a.entry.kind) {
      case 'actor': {
        const context = a.entry.ref.type === 'context' && recent.length === 0 ? fixedIds : recent;
        const actor = resolveRef(a.entry.ref, day, context);
        const speaks = actor !== null && !SILENT_ACTORS.has(actor);
        mention = {
          start: a.start,
          end: a.end,
          actor,
          claimant: speaks ? actor : null,
          generic: false,
          nisba: false,
        };
        priority = speaks ? 2 : 0;
        if (actor !== null) recent.push(actor);
        break;
      }
      case 'claimant':
        mention = {
          start: a.start,
          end: a.end,
          actor: null,
          claimant: a.entry.id,
          generic: a.entry.generic,
          nisba: false,
        };
        priority = a.entry.generic ? 1 : 3;
        break;
      case 'nisba':
        mention = {
          start: a.start,
          end: a.end,
          actor: a.entry.id,
          claimant: null,
          generic: false,
          nisba: true,
        };
        priority = 0;
        break;
    }
    const last = mentions.at(-1);
    if (last !== undefined && last.start === mention.start && last.end === mention.end) {
      // One phrase, several meanings: keep the actor, and the most specific source.
      // Written out, not spread: a spread followed by fields of its own is copied on V8's slow path.
      mentions[mentions.length - 1] = {
        start: last.start,
        end: last.end,
        actor: last.actor ?? mention.actor,
        claimant: priority > lastPriority ? mention.claimant : last.claimant,
        generic: priority > lastPriority ? mention.generic : last.generic,
        nisba: last.nisba,
      };
      lastPriority = Math.max(priority, lastPriority);
    } else {
      mentions.push(mention);
      lastPriority = priority;
    }
  }
  return mentions;
}

/** Actor ids that name who was hit, never an organization that speaks. */
const SILENT_ACTORS = new Set(['CIV', 'PROTESTERS', 'UNKNOWN']);
