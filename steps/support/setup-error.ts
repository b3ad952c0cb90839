/**
 * A precondition of the scenario the target cannot meet (no such endpoint, no client fitting the
 * scenario): the rule is "not checked", never "failed". The report tells it by this name.
 */
export class SetupError extends Error {
  constructor(message: string) {
    super(`setup: ${message}`);
    this.name = 'SetupError';
  }
}
