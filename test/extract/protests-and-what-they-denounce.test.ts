import { describe, expect, it } from 'vitest';
import { read } from './helpers.js';

/**
 * What a protest denounces names places where it was not, in whichever clause
 * of the report the protest is told: each cue is looked up in its own clause.
 * Sentences written for this test.
 */
describe('what each protest of a report denounces', () => {
  it('places every protest in its own town, never where the act it denounces was', () => {
    const result = read(
      'خرجت مظاهرة في مدينة جبلة تندد بقصف مدينة حلب. وخرجت مظاهرة في مدينة بانياس تندد باعتقال ناشطين في مدينة حمص. ' +
        'وفي مدينة شهبا خرجت مظاهرة تندد بقصف مدينة درعا. كما خرجت مظاهرة في مدينة صلخد تندد بقصف مدينة إدلب.',
    );
    expect(result.incidents.map((i) => i.location?.name_en)).toEqual([
      'Jablah',
      'Banyas',
      'Shahba',
      'Salkhad',
    ]);
  });
});
