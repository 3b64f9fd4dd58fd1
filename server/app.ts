import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import mongoose from 'mongoose';
import type { AppDeps } from './http/deps';
import { authenticate } from './http/authenticate';
import { notFound, serviceUnavailable } from './http/errors';
import { problemHandler } from './http/problem';
import { requestContext } from './http/request-context';
import { buildRouter } from './http/route';
import { allRoutes } from './routes';
import { mountClient } from './web/spa';
import { mountInterop } from './interop/public';

export type { AppDeps };

/** Builds the Express application: plumbing, the API router and the one error handler. */
export function createApp(deps: AppDeps): Express {
  const { config, log, storage, s3Origin } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('deps', deps);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Presigned uploads and downloads go straight to S3 from the browser.
          'connect-src': ["'self'", ...(s3Origin ? [s3Origin] : [])],
          'img-src': ["'self'", 'data:', ...(s3Origin ? [s3Origin] : [])],
        },
      },
      hsts: config.env === 'production',
    }),
  );
  app.use(requestContext);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const down: string[] = [];
    const mongoOk = await Promise.race([
      mongoose.connection.db?.admin().ping().then(() => true, () => false) ?? Promise.resolve(false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2000)),
    ]);
    if (!mongoOk) down.push('mongodb');
    const s3Ok = await Promise.race([
      storage.ping().then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2000)),
    ]);
    if (!s3Ok) down.push('s3');
    if (down.length) throw serviceUnavailable('dependencies_unavailable', { services: down.join(', ') });
    res.json({ status: 'ready', mongodb: 'up', s3: 'up' });
  });

  const api = express.Router();
  api.use(cookieParser());
  // Who is calling comes from headers alone; each route reads its body only after its permission check.
  api.use(authenticate);
  api.use(buildRouter(allRoutes));
  api.use(() => {
    throw notFound('route_not_found');
  });
  app.use('/api/v1', api);
  mountInterop(app);
  mountClient(app);

  app.use(problemHandler(log));
  return app;
}

