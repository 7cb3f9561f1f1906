import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../web/src/api/client.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../web/src/api/client.js')>();
  return { ...actual, apiGet: vi.fn(() => Promise.resolve({ answered: true })) };
});

const { sendEarly, takeEarly } = await import('../../web/src/api/early.js');

afterEach(() => {
  vi.useRealTimers();
});

describe('requests sent as the app opens', () => {
  it('are taken once, by the page that asks the same', async () => {
    sendEarly('/api/events', { governorate: 'SY07' });
    expect(takeEarly('/api/events', { governorate: 'SY02' })).toBeNull();
    await expect(takeEarly('/api/events', { governorate: 'SY07' })).resolves.toEqual({
      answered: true,
    });
    expect(takeEarly('/api/events', { governorate: 'SY07' })).toBeNull();
  });

  it('are not taken by a later visit to the page', () => {
    vi.useFakeTimers();
    sendEarly('/api/events/timeline', {});
    vi.advanceTimersByTime(60_000);
    expect(takeEarly('/api/events/timeline', {})).toBeNull();
  });
});
