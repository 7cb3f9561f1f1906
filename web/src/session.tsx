import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ApiError, apiGet, apiSend, setCsrfToken } from './api/client.js';

export type Role = 'admin' | 'editor' | 'viewer';

export interface SessionUser {
  name: string;
  role: Role;
}

interface SessionReply {
  user: SessionUser | null;
  csrf?: string | null;
}

export interface Session {
  /** undefined while the server is asked, null when nobody is signed in. */
  user: SessionUser | null | undefined;
  signIn: (name: string, password: string, totp?: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** May this person change events (add reports, correct, split, join)? */
  canEdit: boolean;
  isAdmin: boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const accept = useCallback((reply: SessionReply) => {
    setCsrfToken(reply.csrf ?? null);
    setUser(reply.user);
  }, []);
  useEffect(() => {
    apiGet<SessionReply>('/session').then(accept, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setUser(null);
      else setUser(null);
    });
  }, [accept]);
  const value = useMemo<Session>(
    () => ({
      user,
      canEdit: user?.role === 'admin' || user?.role === 'editor',
      isAdmin: user?.role === 'admin',
      signIn: async (name, password, totp) => {
        accept(
          await apiSend<SessionReply>('POST', '/session', {
            name,
            password,
            ...(totp === undefined || totp === '' ? {} : { totp }),
          }),
        );
      },
      signOut: async () => {
        await apiSend('DELETE', '/session');
        setCsrfToken(null);
        setUser(null);
      },
    }),
    [user, accept],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside SessionProvider');
  return value;
}
