import { describe, expect, it } from 'vitest';
import { ReadingTable } from '../../src/text/readings.js';
import { madeUpWords } from './made-up-words.js';

interface Reading {
  readonly word: string;
  readonly number: number;
}

/** A hash that files every word under one of a few values, so that words collide. */
const crowdedHash = (word: string): number => word.charCodeAt(word.length - 1) % 3;

describe('ReadingTable', () => {
  it('finds a word kept from the characters of a longer text', () => {
    const table = new ReadingTable<Reading>(10);
    const reading = { word: 'قصف', number: 0 };
    table.add(7, reading);
    const text = 'تجدد قصف المدفعية';
    expect(table.find(text, 5, 8, 7)).toBe(reading);
    expect(table.find(text, 0, 4, 7)).toBeUndefined();
    expect(table.find(text, 5, 8, 8)).toBeUndefined();
  });

  it('answers as a map from word to reading does, for words whose hashes collide', () => {
    const words = madeUpWords(40, 'ب');
    const table = new ReadingTable<Reading>(100);
    const map = new Map<string, Reading>();
    words.forEach((word, number) => {
      const reading = { word, number };
      table.add(crowdedHash(word), reading);
      map.set(word, reading);
    });
    for (const word of [...words, ...madeUpWords(60, 'ت')])
      expect(table.find(word, 0, word.length, crowdedHash(word))).toBe(map.get(word));
    expect(table.size).toBe(words.length);
  });

  it('holds no more than its capacity: a reading past it empties the table first', () => {
    const words = madeUpWords(5, 'ك');
    const table = new ReadingTable<Reading>(4);
    words.forEach((word, number) => {
      table.add(crowdedHash(word), { word, number });
    });
    const kept = words.filter(
      (word) => table.find(word, 0, word.length, crowdedHash(word)) !== undefined,
    );
    expect(kept).toEqual(words.slice(4));
    expect(table.size).toBe(1);
  });

  it('probes past its last slot back to its first', () => {
    // Capacity 2: four slots. Two words filed under the last slot's hash, a third asked for.
    const table = new ReadingTable<Reading>(2);
    const words = ['قصف', 'غارة'];
    words.forEach((word, number) => {
      table.add(3, { word, number });
    });
    expect(words.map((word) => table.find(word, 0, word.length, 3)?.number)).toEqual([0, 1]);
    expect(table.find('هجوم', 0, 4, 3)).toBeUndefined();
  });

  it('refuses a capacity it could not hold a reading in', () => {
    for (const capacity of [0, -1, 0.5, Number.NaN])
      expect(() => new ReadingTable<Reading>(capacity)).toThrow(RangeError);
  });

  it('forgets every reading when cleared', () => {
    const table = new ReadingTable<Reading>(4);
    table.add(1, { word: 'غارة', number: 0 });
    table.clear();
    expect(table.find('غارة', 0, 4, 1)).toBeUndefined();
    expect(table.size).toBe(0);
  });
});
