import { useCallback, useEffect, useState } from 'react';

/** The proposal named in the hash (`#/links?project=12`), or null. */
function fromHash(): number | null {
  const query = location.hash.split('?')[1] ?? '';
  const id = Number(new URLSearchParams(query).get('project'));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The proposal the links screen shows, kept in the URL hash so another screen can open it preselected and a
 * reload keeps it.
 */
export function useProjectParam(): [number | null, (projectId: number) => void] {
  const [projectId, setProjectId] = useState<number | null>(fromHash);
  useEffect(() => {
    const onHash = (): void => setProjectId(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const select = useCallback((id: number) => {
    history.replaceState(null, '', `#/links?project=${id}`);
    setProjectId(id);
  }, []);
  return [projectId, select];
}
