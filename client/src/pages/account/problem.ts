// The account pages' one way of turning a thrown value into the ApiError their problem views show.
import { ApiError } from '../../lib/api';

/** The error as an ApiError (a non-API failure becomes a generic client error). */
export const asApiError = (err: unknown): ApiError =>
  err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' });
