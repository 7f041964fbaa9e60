/** The handler map type: one function per contract method, typed from the contract. */
import type { MethodName, ParsedArgs, Results } from '../../../shared/api/contract';
import type { Caller, CoreContext } from '../context';

export type Handler<M extends MethodName> = (
  args: ParsedArgs<M>,
  caller: Caller,
  ctx: CoreContext,
) => Promise<Results[M]> | Results[M];

export type HandlerMap = { [M in MethodName]: Handler<M> };
