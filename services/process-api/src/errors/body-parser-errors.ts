import { ApiError } from './api-error';

/** Errors raised by the JSON body parser carry their own client status (malformed JSON, too large, bad charset…). */
interface BodyParserError {
  type: string;
  status: number;
  expose: boolean;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.type === 'string' &&
    typeof candidate.status === 'number' &&
    candidate.expose === true
  );
}

function toApiError(error: BodyParserError): ApiError {
  if (error.type === 'entity.parse.failed') {
    return new ApiError(400, 'malformed_body', `Request body is not valid JSON: ${error.message}`, [
      { path: '(body)', message: error.message },
    ]);
  }
  if (error.type === 'entity.too.large') return new ApiError(413, 'payload_too_large', 'Request body is too large');
  return new ApiError(error.status, 'bad_request', error.message);
}

/**
 * Express error middleware placed right after the body parser: restates its errors as ApiErrors
 * before Nest's generic mapping turns them into an anonymous 400 (or a 500).
 */
export function bodyParserErrorTranslator() {
  return (error: unknown, _request: unknown, _response: unknown, next: (error: unknown) => void): void => {
    next(isBodyParserError(error) ? toApiError(error) : error);
  };
}
