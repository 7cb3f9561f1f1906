import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../web/src/router.js';

describe('app paths', () => {
  it('opens the events list at the root and keeps its filter', () => {
    const route = parseRoute('/', '?governorate=SY07');
    expect(route.page).toBe('events');
    if (route.page === 'events') expect(route.query.get('governorate')).toBe('SY07');
  });

  it('reads an event id, decoded', () => {
    expect(parseRoute('/events/ev%3Aabc', '')).toEqual({ page: 'event', id: 'ev:abc' });
  });

  it('names every page and nothing else', () => {
    for (const page of ['queue', 'add', 'admin', 'signin'])
      expect(parseRoute(`/${page}`, '').page).toBe(page);
    expect(parseRoute('/nowhere', '').page).toBe('missing');
    expect(parseRoute('/events/a/b', '').page).toBe('missing');
  });
});
