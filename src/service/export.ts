import type { Knowledge } from '../extract/index.js';
import { citesReports, eventWriter, reportsOf, streamEventPages } from '../store/index.js';
import type { ExportFormat } from '../contracts/index.js';
import type { EventFilter, Sql } from '../store/index.js';

/**
 * The events of a filter in a format, as pieces of text to send or write in
 * order: a page of events at a time, so memory stays flat however many.
 */
export async function* exportEvents(
  db: Sql,
  knowledge: Knowledge,
  format: ExportFormat,
  filter: EventFilter,
): AsyncGenerator<string> {
  const writer = eventWriter(format, {
    lexicon: knowledge.lexicon,
    placeKind: (id) => knowledge.gazetteer.byId(id)?.kind,
  });
  const cites = citesReports(format);
  let count = 0;
  yield writer.head;
  for await (const page of streamEventPages(db, filter)) {
    const reports = cites
      ? await reportsOf(
          db,
          page.flatMap((e) => e.members.map((m) => m.document)),
        )
      : undefined;
    const rows: string[] = [];
    for (const event of page) {
      const row = writer.row(event, reports);
      if (row === null) continue;
      rows.push(`${count > 0 ? writer.separator : ''}${row}`);
      count++;
    }
    if (rows.length > 0) yield rows.join('');
  }
  yield writer.tail;
}
