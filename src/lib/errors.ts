/** One error shape for pages and the API: `details` name the field (`path`) each message is about. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Page not found') {
    super(404, 'not-found', message);
  }
}

export class ValidationError extends AppError {
  constructor(details: ErrorDetail[], message = 'There is a problem with the data sent', status = 422) {
    super(status, 'validation-failed', message, details);
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(400, 'bad-request', message, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(409, 'conflict', message, details);
  }
}

export class ForbiddenError extends AppError {
  /** The role that would be allowed, so the page can say which one to ask for. */
  readonly neededRole?: 'admin' | 'editor' | 'contributor' | 'viewer';
  constructor(
    message = 'You do not have permission to do that',
    neededRole?: 'admin' | 'editor' | 'contributor' | 'viewer',
  ) {
    super(403, 'forbidden', message);
    this.neededRole = neededRole;
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in or send a valid API token') {
    super(401, 'unauthorised', message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'The request is too large') {
    super(413, 'payload-too-large', message);
  }
}

/** The service cannot take this request now (storage fault, or busy); `retryAfterSeconds` becomes Retry-After. */
export class ServiceUnavailableError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 30,
    code = 'service-unavailable',
  ) {
    super(503, code, message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 60,
  ) {
    super(429, 'busy', message);
  }
}

export function retryAfterOf(err: AppError): number | undefined {
  return err instanceof ServiceUnavailableError || err instanceof TooManyRequestsError
    ? err.retryAfterSeconds
    : undefined;
}
