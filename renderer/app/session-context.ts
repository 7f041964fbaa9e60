import { createContext, useContext } from 'react';
import type { MethodName } from '../../shared/api/contract';
import type { AppInfo, AreasList, Category, District, RoundDetail, RoundSummary, Tambon } from '../../shared/api/types';

/** What every screen needs: who we are, the current round, and area names for codes. */
export type Session = Readonly<{
  info: AppInfo | undefined;
  round: RoundDetail | undefined;
  areas: AreasList | undefined;
  districts: ReadonlyMap<string, District>;
  tambons: ReadonlyMap<string, Tambon>;
  categories: ReadonlyMap<string, Category>;
  /**
   * May this device's role call the method? The contract's role table (`canCall`), the one the host enforces: a control
   * shown disabled here is exactly one the host would refuse.
   */
  can(method: MethodName): boolean;
  reloadRound(): void;
  /** Every round (current ones first), for the round picker. */
  rounds: readonly RoundSummary[];
  /** Makes another round the current one (remembered on this device). */
  selectRound(roundId: number): void;
}>;

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}
