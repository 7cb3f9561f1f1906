import type { PlaceMention, ResolvedPlace } from '../../gazetteer/index.js';
import type { DateExpression } from '../../text/index.js';
import type { Analysis } from '../01-read/index.js';

/** Context an incident is written in: the report, and what came before each mention. */
export interface BuildContext {
  readonly analysis: Analysis;
  /** The last day named in the narrative before a token, for acts that name no day of their own. */
  narrativeDay(token: number): DateExpression | null;
  /** The last place named before a token, for acts that name no place of their own. */
  placeBefore(token: number): ResolvedPlace | null;
  /** Settlements and facilities named in tokens `[start, end)` that the gazetteer lacks. */
  unlistedPlaces(start: number, end: number): readonly PlaceMention[];
  /** Places named in tokens `[start, end)` where no act was (an organisation's name, a destination). */
  asidePlaces(start: number, end: number): readonly ResolvedPlace[];
  /** «في البلدة» in tokens `[start, end)`: the place a settlement word there points back to. */
  pointedBack(start: number, end: number): ResolvedPlace | null;
  warn(message: string): void;
}
