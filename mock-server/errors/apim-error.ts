import { WireError } from './wire-error.ts';

/** One entry of `error[]` (ErrorListItemDTO): bean validation reports one per violated property. */
export interface ApimErrorItem {
  code: string;
  message: string;
  description?: string;
}

/**
 * WSO2 API Manager REST error (admin, devportal, publisher APIs):
 * `{"code", "message", "description", "moreInfo", "error": [{code, message, description}]}`.
 */
export class ApimError extends WireError {
  readonly status: number;
  readonly code: number;
  readonly apimMessage: string;
  readonly description: string;
  readonly details: ApimErrorItem[];

  constructor(
    status: number,
    apimMessage: string,
    description: string,
    details: ApimErrorItem[] = [],
    code: number = status,
  ) {
    // Stryker disable next-line StringLiteral,ConditionalExpression: the Error message is logged, never sent (body() builds the answer).
    super(`${apimMessage}: ${description}`);
    // Stryker disable next-line StringLiteral: the Error name is logged, never sent.
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
