/**
 * An expected problem with what the user asked (an empty query, a bad date): shown to the user
 * as it is. Anything else thrown by a service is a bug: logged with an id, apologised for.
 */
export class UserError extends Error {
  /** The option at fault, when there is one. */
  readonly option: string | undefined;
  constructor(message: string, option?: string) {
    super(message);
    this.name = 'UserError';
    this.option = option;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
