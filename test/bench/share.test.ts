import { describe, expect, it } from 'vitest';
import { sampleStage, stageSamples } from '../../bench/share.js';
import type { SampledProfile } from '../../bench/share.js';

/**
 * A profile of a run: the root calls `extract` and, outside it, `resolve`;
 * `extract` calls `read` and `resolve`, which calls `walk`.
 */
const nodes: SampledProfile['nodes'] = [
  { id: 1, callFrame: { functionName: '(root)' }, children: [2, 6, 7] },
  { id: 2, callFrame: { functionName: 'extract' }, children: [3, 4] },
  { id: 3, callFrame: { functionName: 'read' } },
  { id: 4, callFrame: { functionName: 'resolve' }, children: [5] },
  { id: 5, callFrame: { functionName: 'walk' } },
  { id: 6, callFrame: { functionName: 'resolve' } },
  { id: 7, callFrame: { functionName: '(garbage collector)' } },
];

describe('stageSamples', () => {
  it('counts the samples under the outer function, and those with the stage deeper on their stack', () => {
    const counted = stageSamples({ nodes, samples: [2, 3, 3, 4, 5, 5] }, 'extract', 'resolve');
    expect(counted).toEqual({ outer: 6, inner: 3 });
  });

  it('leaves out the stage where something else than the outer function called it', () => {
    const counted = stageSamples({ nodes, samples: [3, 6, 6, 1] }, 'extract', 'resolve');
    expect(counted).toEqual({ outer: 1, inner: 0 });
  });

  it('charges a garbage collection to the stack sampled right before it', () => {
    const counted = stageSamples({ nodes, samples: [5, 7, 7, 3, 7, 6, 7] }, 'extract', 'resolve');
    // Two collections after `walk`, one after `read`, one after `resolve` outside `extract`.
    expect(counted).toEqual({ outer: 5, inner: 3 });
  });

  it('leaves out a collection sampled before any stack', () => {
    expect(stageSamples({ nodes, samples: [7, 3] }, 'extract', 'resolve')).toEqual({
      outer: 1,
      inner: 0,
    });
  });
});

describe('sampleStage', () => {
  /** Work of a fixed size (not of a fixed time: a loaded machine gives a process its cores unevenly). */
  function spin(): number {
    let n = 0;
    for (let i = 0; i < 20_000_000; i++) n = (n + i * i) % 1_000_003;
    return n;
  }
  function stage(): number {
    return spin();
  }
  function whole(): number {
    return stage() + spin();
  }

  it('finds a stage that does half of the work on about half of the samples', async () => {
    // Compiled first: else the stage's call runs unoptimized and the second half optimized.
    for (let i = 0; i < 3; i++) whole();
    const counted = await sampleStage(() => void whole(), whole.name, stage.name);
    expect(counted.outer).toBeGreaterThan(100);
    expect(counted.inner / counted.outer).toBeGreaterThan(0.3);
    expect(counted.inner / counted.outer).toBeLessThan(0.7);
  });
});
