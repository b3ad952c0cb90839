/** The prefix of every name the harness gives to what it creates on a target (world.unique). */
export const NAME_PREFIX = 'obc-';
