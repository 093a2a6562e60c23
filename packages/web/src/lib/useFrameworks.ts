import { useEffect, useState } from 'react';
import { loadFrameworks } from './assess.ts';

/** True once the server's framework versions are loaded (or could not be: the shipped ones then). */
export function useFrameworksLoaded(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void loadFrameworks().then(() => {
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, []);
  return ready;
}
