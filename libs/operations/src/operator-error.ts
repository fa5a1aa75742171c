export type OperatorErrorKind = 'not_found' | 'conflict' | 'invalid' | 'refused';

/** A failure the operator should read as is: it names what was wrong and never leaks SQL. */
export class OperatorError extends Error {
  override readonly name = 'OperatorError';

  constructor(
    message: string,
    readonly kind: OperatorErrorKind = 'invalid',
  ) {
    super(message);
  }
}
