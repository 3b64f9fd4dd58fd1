import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppDeps } from './http/deps';
import { authenticate } from './http/authenticate';
import { serviceUnavailable } from './http/errors';
import { optionsRoute, unmatchedRoute } from './http/method-not-allowed';
import { problemHandler } from './http/problem';
import { pingDatabase } from './infra/mongo';
import { requestContext } from './http/request-context';
import { buildRouter } from './http/route';
import { allRoutes } from './routes';
import { mountClient } from './web/spa';
import { mountInterop } from './interop/public';
import { catalogLoaded } from './search/registry';

export type { AppDeps };

/** Longest time /readyz waits for either dependency. */
const READY_CHECK_MS = 2000;

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
  // Both checks run at once and each is bounded (at most 2 s, less with shorter deadlines), so a
  // frozen dependency makes this answer 503 naming it within about 2 s rather than hang.
  app.get('/readyz', async (_req, res) => {
    const [mongoOk, s3Ok] = await Promise.all([
      pingDatabase(Math.min(READY_CHECK_MS, config.dbTimeoutMs)),
      storage.ping(Math.min(READY_CHECK_MS, config.s3TimeoutMs)).then(
        () => true,
        () => false,
      ),
    ]);
    // Until the dataset store and search index are loaded, searches wait and dataset reads go to
    // the database: a load balancer should send this process nothing yet.
    const indexOk = catalogLoaded();
    const down = [...(mongoOk ? [] : ['mongodb']), ...(s3Ok ? [] : ['s3']), ...(indexOk ? [] : ['search_index'])];
    if (down.length) throw serviceUnavailable('dependencies_unavailable', { services: down.join(', ') });
    res.json({ status: 'ready', mongodb: 'up', s3: 'up', search_index: 'loaded' });
  });

  const api = express.Router();
  api.use(cookieParser());
  // Who is calling comes from headers alone; each route reads its body only after its permission check.
  api.use(authenticate);
  api.use(optionsRoute(allRoutes));
  api.use(buildRouter(allRoutes));
  api.use(unmatchedRoute(allRoutes));
  app.use('/api/v1', api);
  mountInterop(app);
  mountClient(app);

  app.use(problemHandler(log));
  return app;
}

