/**
 * Names for the actor and claimant ids events carry, read from the project's
 * own dictionaries (data/lexicon): the English name, and for Arabic the first
 * form the dictionary lists, the one reports use most.
 */
import { useCallback } from 'preact/hooks';
import actorsFile from '../../../data/lexicon/actors.json';
import claimantsFile from '../../../data/lexicon/claimants.json';
import { useI18n } from '../i18n/context.js';
import type { Lang } from '../i18n/i18n.js';

interface Entry {
  id: string;
  name: string;
  forms: string[];
}

const entries = new Map<string, Entry>();
for (const entry of [...claimantsFile.claimants, ...actorsFile.actors] as Entry[])
  entries.set(entry.id, entry);

/** Every actor id the dictionaries know, for the pickers. */
export const actorIds: readonly string[] = (actorsFile.actors as Entry[]).map((a) => a.id);

/** Who may make a claim: the monitors and outlets first, then the parties' own media by their actor. */
export const claimantIds: readonly string[] = [
  ...new Set([...(claimantsFile.claimants as Entry[]).map((c) => c.id), ...actorIds]),
];

export function vocabularyLabel(lang: Lang, id: string): string {
  const entry = entries.get(id);
  if (entry === undefined) return id;
  return lang === 'ar' ? (entry.forms[0] ?? entry.name) : entry.name;
}

/** The reader's name for an actor or claimant id; an id the dictionaries lack is shown as it is. */
export function useActorLabel(): (id: string) => string {
  const { lang } = useI18n();
  return useCallback((id: string) => vocabularyLabel(lang, id), [lang]);
}
