import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { vocabulary, VOCABULARY_KINDS } from '../../service/index.js';
import { declare, json } from '../declare.js';
import type { ServerDeps, ServerEnv } from '../env.js';

export const zVocabularyTerm = z
  .object({
    kind: z.enum(VOCABULARY_KINDS),
    /** What filters and corrections take: an actor or claimant id, a type, a place id. */
    id: z.string(),
    name_en: z.string(),
    name_ar: z.string().nullable(),
    /** A sub-event type's event type; a place's governorate. */
    parent: z.string().nullable(),
  })
  .meta({ id: 'VocabularyTerm' });

const lookUp = declare('read', {
  method: 'get',
  path: '/api/vocabulary',
  summary:
    "Actors, claimants, event types or gazetteer places whose id or name holds the words, for the app's pickers",
  request: {
    query: z.object({
      kind: z.enum(VOCABULARY_KINDS),
      /** Words of a name, Arabic or English; absent: every actor, claimant or type (a place needs words). */
      q: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The terms, best match first',
      ...json(z.object({ terms: z.array(zVocabularyTerm) })),
    },
  },
});

export function lookupRoutes(app: OpenAPIHono<ServerEnv>, deps: ServerDeps): void {
  app.openapi(lookUp, (c) => {
    const query = c.req.valid('query');
    return c.json(
      { terms: vocabulary(deps.knowledge(), query.kind, query.q ?? '', query.limit ?? 50) },
      200,
    );
  });
}
