/** Caller errors: the input cannot become a write. The message is cashier/manager-facing. */
export class EngineInputError extends Error {
  override name = 'EngineInputError';
}
