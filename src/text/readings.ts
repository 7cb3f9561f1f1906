/**
 * What the tokenizer keeps of the words it has read, found from the text's
 * characters without cutting the word out first: a table of slots addressed by
 * a hash of the characters, each slot the hash beside the reading's place in a
 * list. It answers as a Map from hash to readings did, and is read in place: a
 * Map's lookup was the tokenizer's costliest line inside extraction (its
 * entries and buckets are cold by the time the next report is read), where a
 * slot here is one read of a typed array, its hash compared before the
 * reading is touched.
 */
export class ReadingTable<R extends { readonly word: string }> {
  /** Per slot two numbers: the hash filed there, then 1 + the reading's place in `readings` (0: empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readings: R[] = [];

  /**
   * A table for up to `capacity` readings, its slots at most half full. (A table of no slot
   * would be full before its first reading and probe forever.)
   */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(
        `a table of readings holds a whole number of them, at least 1: not ${String(capacity)}`,
      );
    let size = 1;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2);
  }

  /** How many readings it holds. */
  get size(): number {
    return this.readings.length;
  }

  /**
   * The reading of the word `text[start, end)`, filed under `hash`; undefined when it is not
   * kept. (Hashes are filed as 32-bit integers: the tokenizer's are 30-bit.)
   */
  find(text: string, start: number, end: number, hash: number): R | undefined {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const place = this.slots[slot * 2 + 1] ?? 0;
      if (place === 0) return undefined;
      if (this.slots[slot * 2] !== hash) continue;
      const reading = this.readings[place - 1];
      if (reading !== undefined && sameWord(reading.word, text, start, end)) return reading;
    }
  }

  /** Keeps a reading not kept yet under `hash`; emptied first when full. */
  add(hash: number, reading: R): void {
    if (this.readings.length >= this.capacity) this.clear();
    let slot = hash & this.mask;
    while ((this.slots[slot * 2 + 1] ?? 0) !== 0) slot = (slot + 1) & this.mask;
    this.readings.push(reading);
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = this.readings.length;
  }

  /** Forgets every reading. */
  clear(): void {
    this.slots.fill(0);
    this.readings = [];
  }
}

function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++)
    if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
