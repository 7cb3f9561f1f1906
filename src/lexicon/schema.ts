import type * as Zod from 'zod';
import { EVENT_TYPES, SUB_EVENT_TYPES, eventTypeOf, lateZod } from '../contracts/values.js';

/**
 * The schemas of the dictionaries' data files, made on first use: a start
 * that reads the knowledge from its cache checks no file, and loads no zod.
 */
function defineSchemas(z: typeof Zod.z) {
  const zEventType = z.enum(EVENT_TYPES);
  const zSubEventType = z.enum(SUB_EVENT_TYPES);
  const zForms = z.array(z.string().min(1));
  const zIsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

  /** An id that holds from one day to another (inclusive); open ends mean always. */
  const zEra = z.object({
    id: z.string().min(1),
    from: zIsoDay.optional(),
    until: zIsoDay.optional(),
  });

  const zActorsFile = z.object({
    actors: z.array(
      z.object({
        id: z.string().min(1),
        name: z.string(),
        inter: z.number().int().min(1).max(8),
        authority: z.boolean().default(false),
        camp: z.string().min(1).optional(),
        forms: zForms,
        nisba: zForms.default([]),
      }),
    ),
    aliases: z.array(
      z.object({
        forms: zForms,
        eras: z.array(zEra).optional(),
        context: z.array(z.string()).optional(),
      }),
    ),
  });

  const zClaimantsFile = z.object({
    claimants: z.array(
      z.object({
        id: z.string().min(1),
        name: z.string(),
        party_of: z.array(zEra).optional(),
        forms: zForms,
        generic: zForms.optional(),
      }),
    ),
  });

  const zRole = z.enum(['territory', 'arrest', 'violence', 'bombing', 'shelling', 'strike']);

  /**
   * A verb in its dictionary form, the past masculine singular («قصف», «استهدف»,
   * «ألقى»): its other forms are generated, so a conjugated one is a mistake.
   */
  const zVerb = z
    .string()
    .min(2)
    .superRefine((v, ctx) => {
      if (v.includes(' '))
        ctx.addIssue({
          code: 'custom',
          message: `verb «${v}» is not one word: put phrases in forms`,
        });
      else if (/^ي/.test(v) || /(?:وا|تا)$/.test(v))
        ctx.addIssue({
          code: 'custom',
          message: `verb «${v}» is conjugated: give the past masculine singular (the other forms are generated)`,
        });
    });

  const zTrigger = z
    .object({
      event_type: zEventType,
      sub_event_type: zSubEventType,
      strength: z.number().int().min(1).max(3),
      role: zRole.optional(),
      tags: z.array(z.string()).default([]),
      /** Singular nouns and noun phrases: accusative and dual forms are generated. */
      nouns: zForms.default([]),
      /** Verbs in the past masculine singular: their third-person forms are generated. */
      verbs: z.array(zVerb).default([]),
      /** Anything else, as written: plurals, conjugated phrases, idioms. */
      forms: zForms.default([]),
      /**
       * A verb and its object that the verb's subject may stand between
       * («أطلق مسلحون مجهولون النار»): verbs in the past masculine singular.
       */
      split: z.array(z.object({ verbs: z.array(zVerb), objects: zForms })).default([]),
      /**
       * Generated forms that unvowelled spell another, commoner word: «أوقف» gives
       * «توقف» (she arrests), which is also «تَوَقُّف» (stopping, «توقف القصف»).
       */
      except: zForms.default([]),
    })
    .refine((t) => eventTypeOf(t.sub_event_type) === t.event_type, {
      message: "sub_event_type does not belong to event_type in ACLED's taxonomy",
    })
    .refine((t) => t.nouns.length + t.verbs.length + t.forms.length > 0, {
      message: 'a trigger needs at least one of nouns, verbs or forms',
    });

  const zTriggersFile = z.object({
    hierarchy: z.array(zSubEventType),
    triggers: z.array(zTrigger),
    suicide_cues: zForms,
    air_cues: zForms,
  });

  const zMeasure = z.enum(['killed', 'injured', 'detained', 'missing', 'killed_or_injured']);

  const zMeasuresFile = z.object({
    measures: z.array(
      z.object({
        measure: zMeasure,
        verbs: zForms.default([]),
        /** Generated verb forms that spell another word, as in triggers. */
        except: zForms.default([]),
        before_count: zForms,
        after_count: zForms,
        singular_nouns: zForms.default([]),
        duals: zForms,
        pronoun_forms: zForms,
        idioms: z
          .array(
            z.object({
              verbs: zForms,
              completions: zForms.default([]),
              completion_stems: zForms.default([]),
            }),
          )
          .default([]),
      }),
    ),
    not_figures: zForms,
  });

  const zVictimClass = z.enum([
    'civilian',
    'protester',
    'fighter',
    'attacker',
    'armed',
    'person',
    'other',
  ]);

  const zVictimsFile = z.object({
    classes: z.array(
      z.object({
        class: zVictimClass,
        singular: zForms,
        plural: zForms,
        dual: zForms,
        /** Soldiers and officers: with no army named, the state's forces of the day. */
        forces: z.array(zEra).optional(),
      }),
    ),
    nationalities: z
      .array(z.object({ singular: zForms, plural: zForms, forces: z.array(zEra) }))
      .default([]),
  });

  const zAttributionFile = z.object({
    verbs: zForms,
    verbs_after_subject: zForms,
    according_to: zForms,
    via: zForms,
    relay: zForms,
    relay_verbs: zForms,
    continuation: zForms,
    complementizers: zForms,
    editorial: zForms,
  });

  const zQualifier = z.enum(['approx', 'more_than', 'at_least', 'up_to', 'vague']);

  const zCuesFile = z.object({
    clause_breaks: zForms,
    new_act: zForms,
    new_act_openers: zForms,
    background: zForms,
    anniversaries: zForms,
    topics: zForms,
    tally: zForms,
    habitual: zForms,
    descriptive: zForms,
    negation: zForms,
    hypothetical: zForms,
    ongoing: zForms,
    event_references: zForms,
    civilian_sites: zForms.default([]),
    military_sites: zForms.default([]),
    clause_verbs: zForms.default([]),
    similar_acts: zForms.default([]),
    qualifiers: z.record(zQualifier, zForms),
  });

  return {
    zEra,
    zActorsFile,
    zClaimantsFile,
    zRole,
    zTrigger,
    zTriggersFile,
    zMeasure,
    zMeasuresFile,
    zVictimClass,
    zVictimsFile,
    zAttributionFile,
    zQualifier,
    zCuesFile,
  };
}

export type LexiconSchemas = ReturnType<typeof defineSchemas>;

let schemas: LexiconSchemas | undefined;

/** The data files' schemas (zod's), made the first time they are asked for. */
export function lexiconSchemas(): LexiconSchemas {
  schemas ??= defineSchemas(lateZod());
  return schemas;
}

export type Era = Zod.infer<LexiconSchemas['zEra']>;
export type TriggerRole = Zod.infer<LexiconSchemas['zRole']>;
export type VictimClass = Zod.infer<LexiconSchemas['zVictimClass']>;
