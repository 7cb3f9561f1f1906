import { createHash } from 'node:crypto';
import type { Claim, Event, EventClaim, EventMember } from '../contracts/index.js';
import type { StoredIncident } from '../link/index.js';

/**
 * An event's member as its row of event_members (migration 52): the member,
 * the claims its incident carries into the event, and a hash of both, by
 * which a batch writes only the rows that are new or changed. An act told by
 * 1,500 reports is 1.5 MB of members and claims, of which a batch that adds a
 * report changes a row or two.
 */
export interface MemberRow {
  readonly event_id: string;
  readonly incident_id: string;
  readonly member: EventMember;
  readonly claims: readonly EventClaim[];
  readonly hash: string;
}

/** The hashes of an event's stored member rows, by incident. */
export type StoredMembers = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * An event's members as rows. Its claims are its members' claims one member
 * after another, in the members' order (reconcileEvent): each member's are as
 * many as its incident (`told`, as the event was built of it) carries.
 */
export function memberRows(event: Event, told: ReadonlyMap<string, StoredIncident>): MemberRow[] {
  let at = 0;
  const rows: MemberRow[] = [];
  for (const member of event.members) {
    const own = told.get(member.incident)?.incident.claims ?? [];
    const claims = event.claims.slice(at, at + own.length);
    at += own.length;
    rows.push({
      event_id: event.id,
      incident_id: member.incident,
      member,
      claims,
      hash: hashOf(member, own, claims),
    });
  }
  if (at !== event.claims.length)
    throw new Error(`the claims of ${event.id} are not those of its members`);
  return rows;
}

/**
 * An event whole from its data (events.data: all but its members and claims)
 * and its member rows in its members' order, as event_whole (schema.ts,
 * migration 53) makes it in the engine, key for key: its members, and their
 * claims one member after another, merged into the data under the keys
 * `members` and `claims`, the keys in the engine's order for JSON objects
 * (jsonbKeyOrder), which an export writes them in.
 */
export function eventWhole(
  data: Event,
  rows: readonly Pick<MemberRow, 'member' | 'claims'>[],
): Event {
  const merged: [string, unknown][] = Object.entries(data).filter(
    ([key]) => key !== 'members' && key !== 'claims',
  );
  merged.push(['members', rows.map((r) => r.member)], ['claims', rows.flatMap((r) => r.claims)]);
  merged.sort(([a], [b]) => jsonbKeyOrder(a, b));
  return Object.fromEntries(merged) as unknown as Event;
}

/**
 * The order of an object's keys in the engine's JSON (jsonb): the shorter in bytes first, then
 * byte by byte. Keys as long in bytes as in characters are ASCII, whose characters are bytes:
 * compared as strings, with no buffer made (a page of 250 events sorts some 20,000 pairs of keys).
 */
function jsonbKeyOrder(a: string, b: string): number {
  const bytesA = Buffer.byteLength(a);
  const bytesB = Buffer.byteLength(b);
  if (bytesA !== bytesB) return bytesA - bytesB;
  return byteOrder(a, b, bytesA === a.length && bytesB === b.length);
}

/**
 * Two texts in the order of their UTF-8 bytes (PostgreSQL's COLLATE "C"). Texts of ASCII
 * (`ascii`, when the caller knows; else told by their lengths), whose characters are bytes,
 * are compared as strings, with no buffer made.
 */
export function byteOrder(
  a: string,
  b: string,
  ascii = Buffer.byteLength(a) === a.length && Buffer.byteLength(b) === b.length,
): number {
  if (ascii) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * What a batch writes of its events' members: the rows new or changed since
 * those `stored`, the stored rows of members gone from their event, and the
 * events either touched (written again whatever their own data: their words
 * and reports follow their members). An event none of whose rows is known
 * (a new one) has all its rows written.
 */
export function memberChanges(
  events: readonly { readonly id: string; readonly rows: readonly MemberRow[] }[],
  stored: StoredMembers,
): { write: MemberRow[]; drop: { event: string; incident: string }[]; touched: string[] } {
  const write: MemberRow[] = [];
  const drop: { event: string; incident: string }[] = [];
  const touched: string[] = [];
  for (const { id, rows } of events) {
    const had = stored.get(id);
    const kept = new Set<string>();
    let changed = false;
    for (const r of rows) {
      kept.add(r.incident_id);
      if (had?.get(r.incident_id) === r.hash) continue;
      write.push(r);
      changed = true;
    }
    for (const incident of had?.keys() ?? []) {
      if (kept.has(incident)) continue;
      drop.push({ event: id, incident });
      changed = true;
    }
    if (changed) touched.push(id);
  }
  return { write, drop, touched };
}

/** The stored hashes as the store lists them ([event, incident, hash]), by event. */
export function storedMembers(
  listed: readonly (readonly [string, string, string])[] | null,
): StoredMembers {
  const byEvent = new Map<string, Map<string, string>>();
  for (const [event, incident, hash] of listed ?? []) {
    const members = byEvent.get(event) ?? new Map<string, string>();
    members.set(incident, hash);
    byEvent.set(event, members);
  }
  return byEvent;
}

/**
 * A row's hash: of its member, its incident's claims (claimsDigest) and what
 * the event adds to each claim (reconcileEvent: its report, outlet and
 * whether its claimant is a party), which are all a row's claims are made of.
 * The member is built afresh by reconcileEvent, its keys always in one order.
 */
function hashOf(member: EventMember, own: readonly Claim[], claims: readonly EventClaim[]): string {
  const added = claims.map((c) => [c.document, c.outlet, c.party]);
  return sha1(`${JSON.stringify(member)}\u0000${claimsDigest(own)}\u0000${JSON.stringify(added)}`);
}

/**
 * The digest of an incident's claims, of their JSON with each object's keys
 * in order (an incident extracted now and the same read back from the store,
 * whose JSON orders keys its own way, digest alike), kept by the claims read:
 * linking holds an act's incidents from one batch to the next (CandidateCache),
 * and hashing every member's claims again at each batch was 3% of the CPU
 * profile of an act told by 1,500 reports (PGlite). Kept by the list itself,
 * so a list of claims is never changed in place: a correction makes a new one
 * (correctIncident), or the digest would be of the claims as they were.
 */
const claimDigests = new WeakMap<readonly Claim[], string>();

/** Digests new incidents' claims (claimsDigest) before linking's lock, under which their rows are hashed. */
export function digestClaims(incidents: readonly StoredIncident[]): void {
  for (const x of incidents) claimsDigest(x.incident.claims);
}

function claimsDigest(claims: readonly Claim[]): string {
  let digest = claimDigests.get(claims);
  if (digest === undefined) {
    digest = sha1(canonicalJson(claims));
    claimDigests.set(claims, digest);
  }
  return digest;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields: string[] = [];
    for (const k of Object.keys(record).sort()) {
      const field = record[k];
      if (field !== undefined) fields.push(`${JSON.stringify(k)}:${canonicalJson(field)}`);
    }
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}
