/** Why a request cannot be carried out, as the API and the command line report it. */
export type ServiceProblem = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

/** A request a person made that cannot be carried out, in words for that person. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly problem: ServiceProblem,
    message: string,
    /** The field of the request at fault, when one is. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export const notFound = (what: string): ServiceError => new ServiceError('not_found', `no ${what}`);
export const forbidden = (message: string): ServiceError => new ServiceError('forbidden', message);
export const invalid = (field: string, message: string): ServiceError =>
  new ServiceError('invalid', message, field);
