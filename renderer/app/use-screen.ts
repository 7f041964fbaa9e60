import { useCallback, useEffect, useState } from 'react';

export const SCREENS = [
  'round',
  'needs',
  'projects',
  'links',
  'unmet',
  'scoring',
  'allocation',
  'compare',
  'audit',
  'workshop',
] as const;
export type Screen = (typeof SCREENS)[number];

function fromHash(): Screen {
  // A screen may take parameters after '?' (`#/links?project=12`).
  const name = location.hash.replace(/^#\/?/u, '').split('?')[0];
  return SCREENS.find((s) => s === name) ?? 'needs';
}

/**
 * The current screen lives in the URL hash (`#/allocation`): works under app:// and http:// alike,
 * survives reloads and lets tests open a screen directly.
 */
export function useScreen(): [Screen, (screen: Screen) => void] {
  const [screen, setScreen] = useState<Screen>(fromHash);
  useEffect(() => {
    const onHash = (): void => setScreen(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: Screen) => {
    location.hash = `#/${next}`;
  }, []);
  return [screen, go];
}
