import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { isSecurityRefusal, type RefusedRequest, securityRefusal } from '../logging/security-events';
import { ApiError, type ErrorBody } from './api-error';
import { temporalErrorToApiError } from './temporal-errors';

const codesByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

function codeFor(status: number): string {
  return codesByStatus[status] ?? `http_${status}`;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function toApiError(exception: unknown): ApiError {
  if (exception instanceof ApiError) return exception;
  const fromTemporal = temporalErrorToApiError(exception);
  if (fromTemporal) return fromTemporal;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return new ApiError(status, codeFor(status), messageOf(exception));
  }
  return new ApiError(500, 'internal_error', 'Internal server error');
}

/** Renders every error as `{error, message, details}`; only genuine server faults become 5xx and get logged. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toApiError(exception);
    const status = error.getStatus();
    this.log(exception, error);
    if (isSecurityRefusal(status)) this.logRefusal(host.switchToHttp().getRequest<RefusedRequest>(), error);
    const adapter = this.adapterHost.httpAdapter;
    const response: unknown = host.switchToHttp().getResponse();
    if (status === 401) adapter.setHeader(response, 'WWW-Authenticate', 'Bearer');
    const body: ErrorBody = error.toBody();
    adapter.reply(response, body, status);
  }

  /** Every 401/403, the workflow's own refusals (four-eyes) included: one structured line (security monitoring). */
  private logRefusal(request: RefusedRequest, error: ApiError): void {
    const refusal = securityRefusal(request, error.getStatus(), error.code, error.message);
    this.logger.warn(
      refusal,
      `refused ${refusal.method} ${refusal.route} ${refusal.status} ${refusal.code} (${refusal.actor ?? 'unauthenticated'})`,
    );
  }

  /** Deliberate answers (ApiError) are not logged; Temporal outages are warnings; anything else is a fault to fix. */
  private log(exception: unknown, error: ApiError): void {
    if (exception instanceof ApiError || error.getStatus() < 500) return;
    if (error.code === 'internal_error') {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    } else {
      this.logger.warn(`${error.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
    }
  }
}
