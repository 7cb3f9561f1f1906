import { z } from 'zod';

/**
 * One value a note names, tagged with what it is so that the app can say it in
 * the reader's language: a date is formatted, a type or actor named from the
 * translation files, a place by its Arabic or English name; words quoted from
 * the report stay as written.
 */
export const zNoteValue = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('quote'), text: z.string() }),
    z.object({ kind: z.literal('number'), value: z.number() }),
    z.object({ kind: z.literal('date'), date: z.string() }),
    /** 0 is Sunday. */
    z.object({ kind: z.literal('weekday'), day: z.number().int().min(0).max(6) }),
    z.object({ kind: z.literal('type'), type: z.string() }),
    z.object({ kind: z.literal('actor'), id: z.string() }),
    /**
     * A gazetteer place by id when known, always by its English name (as the
     * note was made), and by its Arabic name where the gazetteer knows it.
     */
    z.object({
      kind: z.literal('place'),
      id: z.string().nullable(),
      en: z.string(),
      ar: z.string().nullable(),
    }),
    /** 1 the place itself, 2 near it, 3 only a wider area. */
    z.object({ kind: z.literal('precision'), level: z.number().int().min(1).max(3) }),
  ])
  .meta({ id: 'NoteValue' });
export type NoteValue = z.infer<typeof zNoteValue>;

/**
 * A note wathiq made in English (why a report was linked, what a reading
 * warns of) with a code and the values it names, for the app's translations.
 * `text` is the note as made: what a reader is shown when its code is `other`.
 */
export const zNote = z
  .object({
    code: z.string(),
    values: z.record(z.string(), zNoteValue),
    text: z.string(),
  })
  .meta({ id: 'Note' });
export type Note = z.infer<typeof zNote>;
