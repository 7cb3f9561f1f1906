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
import { iso, say } from './i18n.js';

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
          done(new Error(say('problem.cancelled')));
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
    complain(say('account.noTerminal'));
    return null;
  }
  const first = await hiddenLine(say('account.prompt', { count: MIN_PASSWORD }));
  const second = await hiddenLine(say('account.again'));
  if (first !== second) {
    complain(say('account.differ'));
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
    process.stdout.write(`${say('account.added', { name: iso(name), role: iso(flags.role) })}\n`);
    return 0;
  });
}

/** `wathiq user list`. */
export function userList(flags: StoreFlags): Promise<number> {
  return withService(flags, async (ctx) => {
    const all = await users(ctx.db);
    for (const u of all) {
      const notes = [
        u.disabled ? say('account.disabledNote') : '',
        u.totp ? say('account.totpNote') : '',
      ].filter(Boolean);
      process.stdout.write(
        `${iso(u.name)}\t${u.role}${notes.length > 0 ? `\t${notes.join(say('list'))}` : ''}\n`,
      );
    }
    if (all.length === 0) process.stderr.write(`${say('account.none')}\n`);
    return 0;
  });
}

/** `wathiq user role NAME ROLE`. */
export function userRole(name: string, role: Role, flags: StoreFlags & { by?: string }) {
  return withService(flags, async (ctx) => {
    const entry = await setRole(ctx, operator(flags.by), name, role);
    process.stdout.write(
      `${say(entry === null ? 'account.roleAlready' : 'account.role', { name: iso(name), role: iso(role) })}\n`,
    );
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
    const key = disabled
      ? entry === null
        ? 'account.disabledAlready'
        : 'account.disabled'
      : entry === null
        ? 'account.enabledAlready'
        : 'account.enabled';
    process.stdout.write(`${say(key, { name: iso(name) })}\n`);
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
    process.stdout.write(`${say('account.password', { name: iso(name) })}\n`);
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
    process.stderr.write(`${say('token.created', { id: iso(token.id), user: iso(user) })}\n`);
    return 0;
  });
}

/** `wathiq token list [NAME]`. */
export function tokenList(user: string | undefined, flags: StoreFlags): Promise<number> {
  return withService(flags, async (ctx) => {
    for (const t of await tokens(ctx.db, operator(), user ?? null)) {
      const state =
        t.revoked_at !== null
          ? say('token.revokedState')
          : say('token.lastUsed', {
              at: t.last_used_at === null ? say('token.never') : iso(t.last_used_at),
            });
      process.stdout.write(
        `${iso(t.id)}\t${iso(t.user)}\t${iso(t.name)}\t${iso(t.created_at)}\t${state}\n`,
      );
    }
    return 0;
  });
}

/** `wathiq token revoke ID`. */
export function tokenRevoke(id: string, flags: StoreFlags & { by?: string }): Promise<number> {
  return withService(flags, async (ctx) => {
    const entry = await revokeToken(ctx, operator(flags.by), id);
    if (entry === null) return complain(say('token.revokedAlready', { id: iso(id) }));
    process.stdout.write(`${say('token.revoked', { id: iso(id) })}\n`);
    return 0;
  });
}
