import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';

/** 加载状态 — data, its error in Chinese, and a reload. */
export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** The HTTP status of the failed load (403 没有权限, 404 不存在 …), null when it did not fail or had none. */
  status: number | null;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `key` changes; keeps the last error message for an error state. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    setStatus(null);
    load()
      .then((d) => live && setData(d))
      .catch((e: unknown) => {
        if (!live) return;
        setStatus(e instanceof ApiError ? e.status : null);
        setError(e instanceof ApiError ? e.message : `加载失败：${String(e)}`);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, status, loading, reload };
}
