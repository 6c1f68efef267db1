import path from 'node:path';
import express, { type Express } from 'express';
import type { Services } from './container.js';
import { configureViews, rootDir } from './views/nunjucks.js';
import { cspNonce, noStore, securityHeaders } from './middleware/security.js';
import { sessionMiddleware } from './middleware/session.js';
import { csrfProtection, exposeCsrfToken, isMultipart, uploadRoutesOf } from './middleware/csrf.js';
import { sendFormOnce } from './form-submissions/send-once.js';
import { composeDates } from './middleware/date-inputs.js';
import { currentUser, requireSignIn } from './middleware/auth.js';
import { notFound, renderError } from './middleware/errors.js';
import { ApiRegistry } from './api/registry.js';
import { buildApiRouter } from './api/router.js';
import { authRoutes } from './features/auth/routes.js';
import { features } from './features/index.js';
import { hasRole } from './lib/roles.js';
import { observeRequests } from './observability/http.js';
import { metricsEndpoint } from './observability/metrics-endpoint.js';
import { uploadSettings } from './config.js';
import { setPdfLimits } from './features/inspections/pdf-text.js';
import { healthRoutes, refuseWritesDuringStorageFault } from './features/health/routes.js';
import { govukStylesheet } from './features/council/stylesheet.js';
import { brandingLocals, brandingStylesheet } from './features/council/branding.js';

export interface RouteEntry {
  method: string;
  path: string;
}

function listRoutes(router: express.Router): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const layer of router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods)) entries.push({ method, path: layer.route.path });
  }
  return entries;
}

/** The Express app for the given services; tests build it around an in-memory database. */
export function createApp(services: Services): Express {
  const { config, db } = services;
  setPdfLimits(uploadSettings(config));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);
  app.set('query parser', 'extended');
  configureViews(app);
  app.use(observeRequests());
  app.get('/metrics', metricsEndpoint(services));

  const govuk = path.join(rootDir, 'node_modules/govuk-frontend/dist/govuk');
  const staticOptions = { maxAge: config.env === 'production' ? '1d' : 0, index: false };
  // No /assets: GOV.UK Frontend's assets are the GDS Transport font and crown images, for GOV.UK only.
  app.get('/stylesheets/govuk-frontend.min.css', govukStylesheet(govuk, config.env === 'production' ? 86_400 : 0));
  app.use(
    '/javascripts/govuk-frontend.min.js',
    express.static(path.join(govuk, 'govuk-frontend.min.js'), staticOptions),
  );
  app.use('/public', express.static(path.join(rootDir, 'public'), staticOptions));

  app.use(noStore);

  app.locals.storage = services.storage;
  app.use(healthRoutes(services));
  app.use(refuseWritesDuringStorageFault(services));

  app.use(cspNonce, securityHeaders);

  const api = new ApiRegistry();
  for (const feature of features) feature.api?.(api, services);
  app.use('/api/v1', buildApiRouter(api, db, config));

  app.use(express.urlencoded({ extended: true, limit: config.bodyLimit }));
  app.use(composeDates);
  app.use(sessionMiddleware(db, config));
  app.use(currentUser(db));
  app.use(brandingLocals(db));
  app.get('/branding.css', brandingStylesheet);
  app.use(exposeCsrfToken);
  // The upload routes are known once the features have registered them (below).
  let isUploadRoute: (req: express.Request) => boolean = () => false;
  app.use(csrfProtection((req) => isUploadRoute(req)));
  // A form sent twice (a double click, a page from the browser's history) is saved once; a multipart
  // upload form is checked by multipartForm() once it has been read.
  const sendOnce = sendFormOnce(db);
  app.locals.sendFormOnce = sendOnce;
  app.use((req, res, next) => (isMultipart(req) && isUploadRoute(req) ? next() : void sendOnce(req, res, next)));
  app.use((req, res, next) => {
    res.locals.now = services.now();
    res.locals.sessionHours = Math.round(config.sessionTtlMs / 3600_000);
    if (req.session.flash) {
      res.locals.flash = req.session.flash;
      delete req.session.flash;
    }
    const user = req.user;
    if (user) {
      res.locals.navigation = features
        .flatMap((f) => f.nav ?? [])
        .filter((item) => !item.role || hasRole(user.role, item.role))
        // Administration sits at the end of the menu, whatever order the features are listed in.
        .sort((a, b) => Number(a.href === '/admin') - Number(b.href === '/admin'))
        .map((item) => ({ ...item, active: item.href === '/' ? req.path === '/' : req.path.startsWith(item.href) }));
    }
    next();
  });

  app.use(authRoutes(services));
  app.get('/accessibility', (_req, res) => res.render('pages/accessibility.njk', { title: 'Accessibility statement' }));
  app.get('/cookies', (_req, res) => res.render('pages/cookies.njk', { title: 'Cookies' }));

  const protectedRoutes = express.Router();
  protectedRoutes.use(requireSignIn);
  for (const feature of features) feature.web?.(protectedRoutes, services);
  app.use(protectedRoutes);
  isUploadRoute = uploadRoutesOf(protectedRoutes);
  // Kept so the tenancy test can walk every route with another organisation's IDs.
  app.locals.routeIndex = {
    web: listRoutes(protectedRoutes),
    api: api.routes.map((r) => ({ method: r.method, path: r.path })),
  };

  app.use(notFound);
  app.use(renderError);
  return app;
}
