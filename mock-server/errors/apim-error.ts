import { WireError } from './wire-error.ts';

/**
 * WSO2 API Manager REST error (admin, devportal, publisher APIs):
 * `{"code", "message", "description", "moreInfo", "error": [{code, message, description}]}`.
 */
export class ApimError extends WireError {
  readonly status: number;
  readonly code: number;
  readonly apimMessage: string;
  readonly description: string;
  readonly details: { code: string; message: string; description: string }[];

  constructor(
    status: number,
    apimMessage: string,
    description: string,
    details: { code: string; message: string; description: string }[] = [],
    code: number = status,
  ) {
    super(`${apimMessage}: ${description}`);
    this.name = 'ApimError';
    this.status = status;
    this.code = code;
    this.apimMessage = apimMessage;
    this.description = description;
    this.details = details;
  }

  body() {
    return {
      code: this.code,
      message: this.apimMessage,
      description: this.description,
      moreInfo: '',
      error: this.details,
    };
  }
}
