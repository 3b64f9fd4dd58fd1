import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../infra/config';
import type { Storage } from '../infra/s3';

/** What handlers need from the process: configuration, logger and object storage. */
export interface AppDeps {
  config: Config;
  log: Logger;
  storage: Storage;
  /** Origin of the S3 endpoint browsers talk to (for CSP connect-src). */
  s3Origin: string | null;
}

/** The dependencies the app serving this request was built with. */
export function depsOf(req: Request): AppDeps {
  return req.app.get('deps') as AppDeps;
}
