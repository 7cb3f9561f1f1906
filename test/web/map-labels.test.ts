import { describe, expect, it } from 'vitest';
import { freeSpot } from '../../web/src/map/labels.js';

const box = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe("a governorate's name on the map", () => {
  const name = box(100, 100, 40, 14);

  it('stays where it is when nothing covers it', () => {
    expect(freeSpot(name, [box(300, 300, 24, 24)], [])).toEqual({ dx: 0, dy: 0, box: name });
  });

  it('moves just above a marker that would cover it', () => {
    const marker = box(110, 95, 24, 24);
    const spot = freeSpot(name, [marker], []);
    expect(spot?.dx).toBe(0);
    expect(spot?.box.bottom).toBe(marker.top - 2);
  });

  it('goes below, then beside, where above is taken by another name', () => {
    const marker = box(110, 95, 24, 24);
    const above = box(90, 70, 60, 20);
    const spot = freeSpot(name, [marker], [above]);
    expect(spot?.box.top).toBe(marker.bottom + 2);
  });

  it('is left out when every spot around the marker is taken', () => {
    const marker = box(110, 95, 24, 24);
    const around = [
      box(0, 0, 400, 94),
      box(0, 120, 400, 200),
      box(0, 0, 109, 400),
      box(135, 0, 400, 400),
    ];
    expect(freeSpot(name, [marker], around)).toBeNull();
  });
});
