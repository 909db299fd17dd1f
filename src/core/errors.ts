/**
 * The model computed something that is not a finite number. The schemas bound every number a
 * scenario may give, so this never happens with a scenario that loaded; the engine checks anyway
 * (at the clamp every indicator change passes through) so that nothing but a number ever enters
 * the state, and entry points report it by this name instead of carrying on.
 */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}
