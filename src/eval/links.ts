import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DocumentResult } from '../contracts/index.js';
import { buildEvents, findLinks } from '../link/index.js';
import type { StoredIncident } from '../link/index.js';
import type { Lexicon } from '../lexicon/index.js';
import { publicationDay } from '../text/index.js';

/** A scored report: its folder's name for it and what extraction made of it. */
export interface ExtractedReport {
  readonly dir: string;
  readonly doc: string;
  readonly result: DocumentResult;
}

/** Pairwise same-event decisions over reports, against the corpora's clusters. */
export interface LinkScores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** Wrong decisions, for `--verbose`. */
  readonly misses: readonly string[];
}

/** `doc → cluster` from a folder's manifest.tsv; reports without a cluster ('-') are in none. */
async function clusters(dir: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.tsv'), 'utf8');
  } catch {
    return new Map();
  }
  const rows = parse<Record<string, string>>(text, {
    columns: true,
    delimiter: '\t',
    quote: false,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  return new Map(
    rows
      .filter(
        (r) =>
          r.doc !== undefined && r.cluster !== undefined && r.cluster !== '-' && r.cluster !== '',
      )
      .map((r) => [r.doc ?? '', r.cluster ?? '']),
  );
}

/**
 * Links the reports' incidents into events as the store does, then scores each
 * pair of reports: the same event when some event holds incidents of both,
 * against the gold of sharing a cluster in the manifest.
 */
export async function scoreLinks(
  reports: readonly ExtractedReport[],
  lexicon: Lexicon,
): Promise<LinkScores> {
  const gold = new Map<string, string>();
  for (const dir of new Set(reports.map((r) => r.dir))) {
    for (const [doc, cluster] of await clusters(dir)) gold.set(`${dir}/${doc}`, cluster);
  }
  const incidents: StoredIncident[] = reports.flatMap((r) =>
    r.result.incidents.map((incident) => ({
      key: `${r.dir}/${r.doc}#${incident.id}`,
      document: `${r.dir}/${r.doc}`,
      published: publicationDay(r.result.document.published),
      outlet: r.result.document.outlet,
      url: r.result.document.url,
      incident,
    })),
  );
  const links = findLinks(incidents);
  const events = buildEvents(incidents, links, lexicon);
  const together = new Set<string>();
  for (const e of events) {
    const docs = [...new Set(e.members.map((m) => m.document))].sort();
    for (let i = 0; i < docs.length; i++)
      for (let j = i + 1; j < docs.length; j++) together.add(`${docs[i] ?? ''}|${docs[j] ?? ''}`);
  }
  const names = reports.map((r) => `${r.dir}/${r.doc}`).sort();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i] ?? '';
      const b = names[j] ?? '';
      const same = gold.get(a) !== undefined && gold.get(a) === gold.get(b);
      const linked = together.has(`${a}|${b}`);
      if (same && linked) tp++;
      else if (linked) {
        fp++;
        misses.push(
          `link: ${a} and ${b} linked, but report different events (${why(links, a, b)})`,
        );
      } else if (same) {
        fn++;
        misses.push(
          `link: ${a} and ${b} not linked, but report the same event (${gold.get(a) ?? ''})`,
        );
      }
    }
  }
  return { tp, fp, fn, misses };
}

function why(links: ReturnType<typeof findLinks>, a: string, b: string): string {
  const between = links.filter(
    (l) =>
      (l.a.startsWith(`${a}#`) && l.b.startsWith(`${b}#`)) ||
      (l.a.startsWith(`${b}#`) && l.b.startsWith(`${a}#`)),
  );
  return (
    between.map((l) => `${l.a} ~ ${l.b}: ${l.reasons.join(', ')}`).join('; ') || 'through others'
  );
}
