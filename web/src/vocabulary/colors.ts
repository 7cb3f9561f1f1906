/**
 * One colour per ACLED event type, the same on the map, the timeline and the
 * counts, picked to stay apart for readers with red-green colour blindness.
 */
const colors: Record<string, string> = {
  Battles: '#d55e00',
  'Explosions/Remote violence': '#0072b2',
  'Violence against civilians': '#cc79a7',
  Protests: '#009e73',
  Riots: '#e69f00',
  'Strategic developments': '#56606b',
};

export const eventTypes: readonly string[] = Object.keys(colors);

export function typeColor(type: string): string {
  return colors[type] ?? '#888888';
}
