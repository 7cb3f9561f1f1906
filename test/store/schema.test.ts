import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/schema.js';

/**
 * Each shipped migration's SQL, by a hash of its text. Stores made by earlier
 * versions ran exactly this text: a migration whose text changes (a helper
 * it shares with live code, rewritten for the code's sake) would give new
 * stores and upgraded ones different schemas. A new migration adds a row here.
 */
const SHIPPED: readonly (readonly [number, string])[] = [
  [1, '5835aec53632a667'],
  [2, '5219af018db0ad86'],
  [3, '7f07191fb3ea8357'],
  [4, '95b7eee09053d114'],
  [5, '767a6315ab61a797'],
  [6, 'd2659e8c2ed8fcd6'],
  [7, '6714bd46517ed2e1'],
  [8, 'b99af62bba4c7715'],
  [9, 'f9a4502faa267114'],
  [10, 'fa2055b8a3da606c'],
  [11, '58c300f593d11903'],
  [12, 'f509fc1724a7f8ff'],
  [13, '62d2f6851f647d09'],
  [14, '1321d5dbd0cc1063'],
  [15, 'e2cdcda9d885f11b'],
  [16, '86d99803cb1402cc'],
  [17, '166b791c1eff368e'],
  [18, '73d35f8b2e9e47c3'],
  [19, 'd21bea1553a93189'],
  [20, 'f9f8cf46b3c19b19'],
  [21, 'e8e414a362100788'],
  [22, '28c8e1a75b52f64d'],
  [23, 'bfbe3d41a961e82b'],
  [24, '1f1b93bda39ba28b'],
  [25, 'f967ff34bd4f2788'],
  [26, '2012ab6657a769be'],
  [27, '9f8ea36465218d84'],
  [28, '14284a2f18fb9843'],
  [29, '08cfd7233426c876'],
  [30, '1eef458436e27a87'],
  [31, 'a79764372726badf'],
  [32, 'dc442c0ef39cc4bd'],
  [33, 'ef7d50b0d63ac9f6'],
  [34, '1fa7525df9b431b9'],
  [35, 'ecb0eb335793c968'],
  [36, 'caf400358dd84978'],
  [37, '644cc89f5dc57b49'],
  [38, '90314d5791810238'],
  [39, 'e8f2eb78ced08c88'],
  [40, '48ff4de4295342eb'],
  [41, '7946de31b4a379ae'],
  [42, '50e7d659761d880f'],
  [43, 'f88490c501846942'],
  [44, '51ac0e8d64694bf0'],
  [45, '2681d3ce54e8297a'],
  [46, '103ffc863b4774d0'],
  [47, 'ef7b9813ebf742c0'],
  [48, 'c22996ad1a8654c0'],
  [49, '9847bd0a8a7ed0d7'],
  [50, '605ed9c5f8879298'],
  [51, '877b9f3c6c233621'],
  [52, 'da9fe354cd80b7b2'],
  [53, 'e6cae9bcb65d141e'],
  [54, '9b87214656d3f4b0'],
  [55, 'cf208339ab6553e7'],
  [56, '67853fe3210d14e5'],
  [57, 'db5287a1ffa2ea9e'],
  [58, 'de5dd96972de40e6'],
  [59, 'a7e5e147ba88c2f1'],
  [60, '83cabbd55388a6cf'],
  [61, 'cd74a3ceadd6954d'],
  [62, '7ac18fcfe2dd35ae'],
  [63, '9e1cec278551be4e'],
];

const hashOf = (sql: string): string => createHash('sha256').update(sql).digest('hex').slice(0, 16);

describe('the store schema', () => {
  it('never changes the SQL of a migration that has shipped', () => {
    const shipped = MIGRATIONS.slice(0, SHIPPED.length).map((m) => [m.version, hashOf(m.sql)]);
    expect(shipped).toEqual(SHIPPED);
  });

  it('numbers its migrations one after another', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, k) => k + 1));
  });
});
