/**
 * Where the governorates' names stand on the map: clear of the event markers
 * and of each other. Pure geometry on screen boxes, so it is tested without a
 * browser.
 */
export interface LabelBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlap = (a: LabelBox, b: LabelBox): boolean =>
  a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

const shifted = (box: LabelBox, dx: number, dy: number): LabelBox => ({
  left: box.left + dx,
  right: box.right + dx,
  top: box.top + dy,
  bottom: box.bottom + dy,
});

/**
 * Where a name may stand: where it is, or just above, below, beside the first
 * marker it would cover — the first of those that covers no marker and no name
 * kept before it. Null when none does (at this zoom the name is left out).
 */
export function freeSpot(
  box: LabelBox,
  markers: readonly LabelBox[],
  kept: readonly LabelBox[],
): { dx: number; dy: number; box: LabelBox } | null {
  const clear = (b: LabelBox) =>
    !markers.some((m) => overlap(b, m)) && !kept.some((k) => overlap(b, k));
  if (clear(box)) return { dx: 0, dy: 0, box };
  const under = markers.find((m) => overlap(box, m));
  if (under === undefined) return null;
  const gap = 2;
  const moves: [number, number][] = [
    [0, under.top - gap - box.bottom],
    [0, under.bottom + gap - box.top],
    [under.left - gap - box.right, 0],
    [under.right + gap - box.left, 0],
  ];
  for (const [dx, dy] of moves) {
    const moved = shifted(box, dx, dy);
    if (clear(moved)) return { dx, dy, box: moved };
  }
  return null;
}
