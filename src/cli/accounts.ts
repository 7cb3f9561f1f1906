import { text } from 'node:stream/consumers';
import type { Role } from '../contracts/index.js';
import {
  addUser,
  characters,
  createToken,
  MIN_PASSWORD,
  revokeToken,
  setDisabled,
  setPassword,
  setRole,
  tokens,
  users,
} from '../service/index.js';
import type { StoreFlags } from './ingest.js';
import { complain, operator, withService } from './operator.js';

export interface PasswordFlags extends StoreFlags {
  passwordStdin?: boolean;
}

/** Reads a line at the terminal without showing it. */
function hiddenLine(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error: Error | null): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error === null) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of characters(chunk.toString('utf8'))) {
        if (char === '\r' || char === '\n') {
          done(null);
          return;
        }
        if (char === '\u0003') {
          done(new Error('cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = characters(typed).slice(0, -1).join('');
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** The password from standard input (`--password-stdin`), else typed twice at the terminal. */
async function readPassword(flags: PasswordFlags): Promise<string | null> {
  if (flags.passwordStdin === true) return (await text(process.stdin)).replace(/\r?\n$/, '');
  if (!process.stdin.isTTY) {
    complain('no terminal to type a password at: give it with --password-stdin');
    return null;
  }
  const first = await hiddenLine(`password (at least ${String(MIN_PASSWORD)} characters): `);
  const second = await hiddenLine('the same password again: ');
  if (first !== second) {
    complain('the two passwords differ');
    return null;
  }
  return first;
}

/** `wathiq user add NAME --role ROLE`. */
export async function userAdd(
  name: string,
  flags: PasswordFlags & { role: Role; by?: string },
): Promise<number> {
  const password = await readPassword(flags);
  if (password === null) return 2;
  return withService(flags, async (ctx) => {
    await addUser(ctx, operator(flags.by), { name, role: flags.role, password });
    process.stdout.write(`added ${name} (${flags.role})\n`);
    return 0;
  });
}

/** `wathiq user list`. */
export function userList(flags: StoreFlags): Promise<number> {
  return withService(flags, async (ctx) => {
    const all = await users(ctx.db);
    for (const u of all) {
      const notes = [u.disabled ? 'disabled' : '', u.totp ? 'second factor' : ''].filter(Boolean);
      process.stdout.write(
        `${u.name}\t${u.role}${notes.length > 0 ? `\t${notes.join(', ')}` : ''}\n`,
      );
    }
    if (all.length === 0) process.stderr.write('no users yet: wathiq user add NAME --role admin\n');
    return 0;
  });
}

/** `wathiq user role NAME ROLE`. */
export function userRole(name: string, role: Role, flags: StoreFlags & { by?: string }) {
  return withService(flags, async (ctx) => {
    const entry = await setRole(ctx, operator(flags.by), name, role);
    process.stdout.write(`${name}: ${role}${entry === null ? ' already' : ''}\n`);
    return 0;
  });
}

/** `wathiq user disable|enable NAME`: a disabled user's sessions and tokens stop at once. */
export function userDisabled(
  name: string,
  disabled: boolean,
  flags: StoreFlags & { by?: string },
): Promise<number> {
  return withService(flags, async (ctx) => {
    const entry = await setDisabled(ctx, operator(flags.by), name, disabled);
    process.stdout.write(
      `${name}: ${disabled ? 'disabled' : 'enabled'}${entry === null ? ' already' : ''}\n`,
    );
    return 0;
  });
}

/** `wathiq user password NAME`: a new password; the user's sessions end. */
export async function userPassword(
  name: string,
  flags: PasswordFlags & { by?: string },
): Promise<number> {
  const password = await readPassword(flags);
  if (password === null) return 2;
  return withService(flags, async (ctx) => {
    await setPassword(ctx, operator(flags.by), name, password);
    process.stdout.write(`${name}: new password set; their sessions have ended\n`);
    return 0;
  });
}

/** `wathiq token create NAME`: prints the secret once; only its hash is stored. */
export function tokenCreate(
  user: string,
  flags: StoreFlags & { name?: string; by?: string },
): Promise<number> {
  return withService(flags, async (ctx) => {
    const { secret, token } = await createToken(ctx, operator(flags.by), {
      user,
      name: flags.name ?? 'script',
    });
    process.stdout.write(`${secret}\n`);
    process.stderr.write(
      `token ${token.id} for ${user}: send it as «Authorization: Bearer TOKEN»; it is not shown again\n`,
    );
    return 0;
  });
}

/** `wathiq token list [NAME]`. */
export function tokenList(user: string | undefined, flags: StoreFlags): Promise<number> {
  return withService(flags, async (ctx) => {
    for (const t of await tokens(ctx.db, operator(), user ?? null)) {
      const state = t.revoked_at === null ? `last used ${t.last_used_at ?? 'never'}` : 'revoked';
      process.stdout.write(`${t.id}\t${t.user}\t${t.name}\t${t.created_at}\t${state}\n`);
    }
    return 0;
  });
}

/** `wathiq token revoke ID`. */
export function tokenRevoke(id: string, flags: StoreFlags & { by?: string }): Promise<number> {
  return withService(flags, async (ctx) => {
    const entry = await revokeToken(ctx, operator(flags.by), id);
    if (entry === null) return complain(`token ${id} was revoked already`);
    process.stdout.write(`token ${id} revoked\n`);
    return 0;
  });
}
