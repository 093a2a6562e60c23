import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, SESSION_ENDED, setCsrfToken, type ApiAnswer, type User } from './api.ts';

/** 登录状态 — who is logged in, and the calls that change it. */
export interface Auth {
  user: User | null;
  /** True until /api/me has answered once. */
  loading: boolean;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** After 修改密码: the account as the server now has it. */
  updateUser(user: User): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    api<ApiAnswer<'GET /api/me'>>('GET', '/api/me')
      .then((me) => {
        setCsrfToken(me.csrfToken);
        setUser(me.user);
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.warn(error);
        setUser(null);
      })
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => {
    const ended = () => {
      setCsrfToken('');
      setUser(null);
    };
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api<ApiAnswer<'POST /api/login'>>('POST', '/api/login', { username, password });
    setCsrfToken(r.csrfToken);
    setUser(r.user);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('POST', '/api/logout');
    } finally {
      setCsrfToken('');
      setUser(null);
    }
  }, []);

  const value = useMemo(
    () => ({ user, loading, login, logout, updateUser: setUser }),
    [user, loading, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

export const ROLE_NAMES: Record<User['role'], string> = {
  admin: '系统管理员',
  reviewer: '财政审核人',
  filler: '填报人',
};
