import { z } from 'zod';

/** One value or a list of acceptable values; null inside a list means "the outlet itself" / "not said". */
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]);

export const zGoldFigure = z.object({
  claimant: oneOrMany(z.string().nullable()),
  measure: oneOrMany(z.string()),
  victim: oneOrMany(z.string().nullable()),
  count: oneOrMany(z.number().nullable()),
});

export const zGoldPlace = z.object({
  name: z.string().optional(),
  lat: z.number(),
  lon: z.number(),
  admin1: z.string().optional(),
  admin1_pcode: z.string().optional(),
  precision: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  tolerance_km: z.number().optional(),
});

export const zGoldIncident = z.object({
  key: z.string(),
  background: z.boolean().default(false),
  optional: z.boolean().default(false),
  date: oneOrMany(z.string()).nullable().default(null),
  event_type: z.array(z.string()).nullable().default(null),
  sub_event_type: z.array(z.string()).nullable().default(null),
  place: zGoldPlace.nullable().default(null),
  actor1: z.array(z.string()).nullable().default(null),
  actor2: z.array(z.string()).nullable().default(null),
  figures: z.array(zGoldFigure).default([]),
});

export const zGold = z.object({
  doc: z.string(),
  file: z.string().optional(),
  outlet: z.string().nullable().optional(),
  published: z.string().nullable().optional(),
  incidents: z.array(zGoldIncident),
  tallies: z.number().int().nonnegative().default(0),
});

export type Gold = z.infer<typeof zGold>;
export type GoldIncident = z.infer<typeof zGoldIncident>;
export type GoldFigure = z.infer<typeof zGoldFigure>;
export type GoldPlace = z.infer<typeof zGoldPlace>;

export function asList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
