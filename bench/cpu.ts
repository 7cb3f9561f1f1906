/**
 * CPU time spent on a store's work, in ms: this process's (the driver, and the
 * whole embedded engine, which runs in it) and, on a PostgreSQL server on this
 * machine, that of the server's processes working for this store's database:
 * its client backends and the parallel workers their plans start. Shared cores
 * make wall time a measure of the neighbours; CPU time is the work itself.
 *
 * The server's processes are its postmaster's children
 * (/proc/PID/task/PID/children), told apart by the title each sets as it
 * starts (/proc/PID/cmdline): a client backend's holds its user and database
 * (`postgres: 15/main: USER DATABASE HOST(PORT) ACTIVITY`), a parallel
 * worker's its leader (`parallel worker for PID N`). Ours are the backends of
 * this store's user and database and the parallel workers of those: other
 * clients of the server, and their backends ending meanwhile, are not counted,
 * as the postmaster's children's time that an earlier clock added counted
 * them. Two benches timing one database at once (its bench store kept under
 * one name, stores.ts) would count each other's backends: the titles tell
 * databases apart, not client processes. A parallel worker lives for one
 * query and a pool closes idle connections, so each one's CPU
 * (/proc/PID/schedstat, ns) is sampled every millisecond while the clock runs,
 * by a sampler in a process of its own (its CPU is not this process's, which
 * getrusage counts: sampling in this process cost ~4% of a core, and 1% even
 * from a thread, its garbage collected beside the bench's), and what a process
 * had spent at its last sample is kept when it ends.
 *
 * What this misses, and so the error left: what a process of ours spends after
 * its last sample (at most a millisecond's run, and its exit), and the whole of
 * a parallel worker that starts and ends between two samples, or while the
 * sampler waits for a core on a loaded machine. A parallel plan is thus
 * undercounted by up to about a millisecond per worker, more under load; a
 * statement that runs in no parallel worker is counted whole. A backend that
 * starts during the clock is counted from its start (its authentication
 * included). A server elsewhere (no process of this machine has our
 * backend's title) counts this process alone.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Database } from '../src/store/index.js';

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A file of /proc, or null once its process has ended (or was never of this machine). */
function procFile(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${String(pid)}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** What our backends' titles hold, and who their postmaster is; null for a server elsewhere. */
async function serverOf(db: Database): Promise<Server | null> {
  if (db.engine !== 'postgres') return null;
  const [row] = await db.query<{ pid: number; user: string; database: string }>(
    'SELECT pg_backend_pid() AS pid, current_user AS "user", current_database() AS database',
  );
  if (row === undefined) return null;
  const mark = ` ${row.user} ${row.database} `;
  // /proc/PID/stat: the parent's pid is the second field after the command's name, in brackets
  // that may themselves hold «) ».
  const stat = procFile(row.pid, 'stat');
  const postmaster = Number(stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  const title = procFile(row.pid, 'cmdline')?.replace(/\0+/g, ' ');
  return title?.includes(mark) === true && Number.isInteger(postmaster)
    ? { postmaster, mark }
    : null;
}

/** The server's processes a clock samples: the postmaster's children whose titles hold `mark`, and their parallel workers. */
interface Server {
  readonly postmaster: number;
  readonly mark: string;
}

/** What the sampler answers when a clock stops: our processes' CPU, in ms. */
interface Spent {
  readonly serverMs: number;
}

/** What the sampler answers when it cannot sample: why. */
interface Refusal {
  readonly error: string;
}

/**
 * The sampler's code, run from its text in a process of its own (`node -e`),
 * so that its CPU is not this process's: it uses only what it defines or asks
 * Node for, never this module's bindings. Told a server, it samples until told
 * to stop, then answers what our processes spent meanwhile. It samples every
 * millisecond on a shared machine, so a sample allocates nothing once its
 * processes are known (files kept open and read into one buffer, numbers
 * parsed from its bytes, records updated in place).
 */
function samplingProcess(): void {
  const fs = process.getBuiltinModule('node:fs');
  const send = process.send?.bind(process);
  if (send === undefined) return;
  // Its parent gone, nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  const EVERY_MS = 1;
  const LEADER = /parallel worker for PID (\d+)/;
  const buffer = Buffer.alloc(65536);
  const opened = new Map<string, number>();
  const forget = (path: string): void => {
    const fd = opened.get(path);
    opened.delete(path);
    if (fd !== undefined) fs.closeSync(fd);
  };
  /** Reads a /proc file into the buffer from its start, keeping it open: its length, or -1 once its process has ended. */
  const reread = (path: string): number => {
    try {
      let fd = opened.get(path);
      if (fd === undefined) {
        fd = fs.openSync(path, 'r');
        opened.set(path, fd);
      }
      return fs.readSync(fd, buffer, 0, buffer.length, 0);
    } catch {
      forget(path);
      return -1;
    }
  };
  /** The numbers of the buffer's first `length` bytes, separated by anything else, into `into`. */
  const numbers = (length: number, into: number[]): void => {
    into.length = 0;
    let value = -1;
    for (let i = 0; i <= length; i++) {
      const digit = i < length ? (buffer[i] ?? 0) - 48 : -1;
      if (digit >= 0 && digit <= 9) value = (value < 0 ? 0 : value * 10) + digit;
      else if (value >= 0) {
        into.push(value);
        value = -1;
      }
    }
  };
  /** schedstat's first field: the CPU ns of a process (or of this thread); -1 once it has ended. */
  const fields: number[] = [];
  const cpuNs = (path: string): number => {
    const length = reread(path);
    if (length < 0) return -1;
    numbers(length, fields);
    return fields[0] ?? -1;
  };
  const title = (pid: number): string => {
    try {
      return fs.readFileSync(`/proc/${String(pid)}/cmdline`, 'latin1').replace(/\0+/g, ' ');
    } catch {
      return '';
    }
  };
  let stop: (() => void) | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  process.on('message', (server: Server | 'stop') => {
    if (server === 'stop') {
      const refusal: Refusal = { error: 'was asked to stop while not sampling' };
      if (stop === null) send(refusal);
      else stop();
      return;
    }
    // A clock started while another runs (the parent allows one) would leave the first sampling.
    clearInterval(timer);
    const childrenFile = `/proc/${String(server.postmaster)}/task/${String(server.postmaster)}/children`;
    // Unreadable (another user's server, a kernel without the file), the list would read as no
    // processes and the clock as this process's CPU alone: say so instead.
    if (reread(childrenFile) < 0) {
      const refusal: Refusal = { error: `cannot read ${childrenFile}` };
      send(refusal);
      return;
    }
    /** Each live child seen: whether it is ours, once its title says (a new child shows the postmaster's arguments until it sets one). */
    const ours = new Map<number, boolean>();
    /** Each live process of ours: its schedstat file, its CPU (ns) when the clock started (0 if it started since), and at its latest sample. */
    const spent = new Map<number, { path: string; from: number; to: number }>();
    const children: number[] = [];
    /** The sample each live child was last listed at (Set.clear would allocate anew at every sample). */
    const listed = new Map<number, number>();
    let samples = 0;
    const live = (pid: number): boolean => listed.get(pid) === samples;
    let ended = 0;
    const leave = (pid: number): void => {
      const record = spent.get(pid);
      if (record !== undefined && !live(pid)) {
        ended += record.to - record.from;
        spent.delete(pid);
        forget(record.path);
      }
    };
    const classify = (starting: boolean): void => {
      const workers: [number, number][] = [];
      for (const pid of children) {
        if (ours.has(pid)) continue;
        const text = title(pid);
        if (!text.startsWith('postgres: ')) continue;
        const leader = LEADER.exec(text)?.[1];
        if (leader === undefined) adopt(pid, text.includes(server.mark), starting);
        else workers.push([pid, Number(leader)]);
      }
      // Backends first: a parallel worker is ours when its leader is.
      for (const [pid, leader] of workers) adopt(pid, ours.get(leader) === true, starting);
    };
    /** Notes whether a new process is ours, and where its count starts from. */
    const adopt = (pid: number, mine: boolean, starting: boolean): void => {
      ours.set(pid, mine);
      const path = `/proc/${String(pid)}/schedstat`;
      const ns = mine ? cpuNs(path) : -1;
      if (ns >= 0) spent.set(pid, { path, from: starting ? ns : 0, to: ns });
    };
    const update = (record: { path: string; to: number }): void => {
      const ns = cpuNs(record.path);
      if (ns >= 0) record.to = ns;
    };
    const sample = (starting: boolean): void => {
      numbers(Math.max(0, reread(childrenFile)), children);
      samples++;
      for (const pid of children) listed.set(pid, samples);
      spent.forEach(update);
      for (const pid of spent.keys()) leave(pid);
      for (const pid of listed.keys())
        if (!live(pid)) {
          listed.delete(pid);
          ours.delete(pid);
        }
      classify(starting);
    };
    sample(true);
    timer = setInterval(() => {
      sample(false);
    }, EVERY_MS);
    stop = () => {
      stop = null;
      clearInterval(timer);
      sample(false);
      let ns = ended;
      for (const { from, to } of spent.values()) ns += to - from;
      const answer: Spent = { serverMs: ns / 1e6 };
      for (const path of [...opened.keys()]) forget(path);
      send(answer);
    };
    send('started');
  });
}

/** The sampler, started at the first clock on a server and kept (unreferenced: it never keeps this process up) while it lives. */
let sampler: ChildProcess | null = null;

function startSampler(): ChildProcess {
  const child = spawn(process.execPath, ['-e', `(${samplingProcess.toString()})()`], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.unref();
  child.channel?.unref();
  // Ended, or never started: the next clock starts another.
  const forget = (): void => {
    if (sampler === child) sampler = null;
  };
  child.on('exit', forget);
  child.on('error', forget);
  return child;
}

/** How long the sampler may take to answer before the clock gives up on it. */
const ANSWER_WITHIN_MS = 10_000;

/** Tells the sampler to start (a server) or stop, and waits for its answer. */
function ask<T>(message: Server | 'stop'): Promise<T> {
  sampler ??= startSampler();
  const child = sampler;
  return new Promise<T>((resolve, reject) => {
    const settle = (): void => {
      clearTimeout(timeout);
      child.off('message', answered);
      child.off('exit', ended);
      child.off('error', failed);
      child.channel?.unref();
    };
    const answered = (answer: unknown): void => {
      settle();
      if (typeof answer === 'object' && answer !== null && 'error' in answer)
        reject(new Error(`the CPU sampler ${String(answer.error)}`));
      else resolve(answer as T);
    };
    const failed = (error: Error): void => {
      settle();
      reject(new Error(`the CPU sampler failed: ${error.message}`));
    };
    const ended = (): void => {
      settle();
      reject(new Error('the CPU sampler ended before it answered'));
    };
    // Its answer is awaited: until it comes, the channel (and this timer) keep this process up.
    const timeout = setTimeout(() => {
      settle();
      child.kill();
      reject(new Error(`the CPU sampler did not answer within ${String(ANSWER_WITHIN_MS)} ms`));
    }, ANSWER_WITHIN_MS);
    child.channel?.ref();
    child.once('message', answered);
    child.once('exit', ended);
    child.once('error', failed);
    if (!child.connected) ended();
    else
      child.send(message, (error) => {
        if (error !== null) failed(error);
      });
  });
}

let running = false;

/**
 * Starts counting; the function returned gives the CPU ms spent since. One
 * clock runs at a time; a clock whose sampler fails rejects, and frees the
 * next.
 */
export async function cpuClock(db: Database): Promise<() => Promise<number>> {
  if (running) throw new Error('one CPU clock at a time: the sampler measures one');
  running = true;
  let server: Server | null;
  try {
    server = await serverOf(db);
    if (server !== null) await ask<'started'>(server);
  } catch (error) {
    running = false;
    throw error;
  }
  const own = ownCpuMs();
  return async () => {
    try {
      const { serverMs } = server === null ? { serverMs: 0 } : await ask<Spent>('stop');
      return ownCpuMs() - own + serverMs;
    } finally {
      running = false;
    }
  };
}
