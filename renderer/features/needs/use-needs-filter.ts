import { useCallback, useEffect, useState } from 'react';
import type { NeedsFilter } from '../../../shared/api/needs-explorer';

/** The proposal named in the hash (`#/needs?project=12`: the needs behind its "evidence changed" flag), or undefined. */
function projectFromHash(): number | undefined {
  const query = location.hash.split('?')[1] ?? '';
  const id = Number(new URLSearchParams(query).get('project'));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * The explorer's filter, starting from the proposal the hash names (if any) and following the hash when another
 * screen links here again. Clearing the proposal from the filter also clears it from the hash.
 */
export function useNeedsFilter(): [NeedsFilter, (filter: NeedsFilter) => void] {
  const [filter, setFilter] = useState<NeedsFilter>(() => {
    const projectId = projectFromHash();
    return projectId ? { projectId } : {};
  });
  useEffect(() => {
    const onHash = (): void => {
      const projectId = projectFromHash();
      if (projectId) setFilter({ projectId });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const update = useCallback((next: NeedsFilter) => {
    if (next.projectId === undefined && projectFromHash() !== undefined) history.replaceState(null, '', '#/needs');
    setFilter(next);
  }, []);
  return [filter, update];
}
