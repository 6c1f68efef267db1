import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from './paths.js';
import type { UploadSettings } from './lib/upload-limits.js';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  WAYMARK_DATA_DIR: z.string().min(1).default('./data'),
  BASE_URL: z.string().url().optional(),
  SECURE_COOKIES: boolish.optional(),
  BODY_LIMIT: z.string().default('1mb'),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().default(50),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  SEED_DEMO: boolish.default(true),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_ALLOW_HTTP: boolish.default(false),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Waymark <no-reply@waymark.invalid>'),
  NOTIFY_API_KEY: z.string().optional(),
  NOTIFY_TEMPLATE_ID: z.string().optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(30),
  UPLOAD_MAX_EXPANDED_MB: z.coerce.number().positive().default(200),
  UPLOAD_MAX_RATIO: z.coerce.number().positive().default(200),
  UPLOAD_CONCURRENCY: z.coerce.number().int().positive().default(2),
  PDF_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
  PDF_MAX_PAGES: z.coerce.number().int().positive().default(60),
  PDF_MEMORY_MB: z.coerce.number().int().min(64).default(256),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (for example: openssl rand -base64 48)')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  databaseUrl?: string;
  dataDir: string;
  baseUrl: string;
  secureCookies: boolean;
  bodyLimit: string;
  uploadLimitBytes: number;
  /** Expansion, concurrency and PDF limits of uploads (the file size is uploadLimitBytes): src/lib/upload-limits.ts. */
  uploads: Omit<UploadSettings, 'maxUploadBytes'>;
  sessionTtlMs: number;
  lockout: { threshold: number; minutes: number };
  seedDemo: boolean;
  oidc?: { issuer: string; clientId: string; clientSecret?: string; redirectUri: string; allowHttp: boolean };
  mail: { smtpUrl?: string; from: string; notifyApiKey?: string; notifyTemplateId?: string };
  chromiumPath: string;
  /** Signs the session cookie. Required in production; otherwise kept in the data folder (see session-secret.ts). */
  sessionSecret?: string;
  version: string;
  /** Bearer token for GET /metrics; unset means no metrics endpoint. */
  metricsToken?: string;
  /** Worker processes (PostgreSQL only). */
  webConcurrency: number;
  /** How long SIGTERM waits for requests in flight before closing anyway. */
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {}

let version: string | undefined;
/** From package.json, so `node dist/server.js` reports it as `npm start` does (npm sets npm_package_version). */
function packageVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  return version;
}

/** Parse the environment once, naming every bad variable so a deployment fails fast and clearly. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 random characters, for example: openssl rand -base64 48)',
    );
  }
  const port = e.PORT;
  const baseUrl = e.BASE_URL ?? `http://localhost:${port}`;
  let oidc: Config['oidc'];
  if (e.OIDC_ISSUER) {
    if (!e.OIDC_CLIENT_ID)
      throw new ConfigError('Invalid configuration:\n  OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
    oidc = {
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      redirectUri: e.OIDC_REDIRECT_URI ?? `${baseUrl}/auth/oidc/callback`,
      allowHttp: e.OIDC_ALLOW_HTTP,
    };
  }
  return {
    env: e.NODE_ENV,
    port,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.WAYMARK_DATA_DIR,
    baseUrl,
    secureCookies: e.SECURE_COOKIES ?? baseUrl.startsWith('https:'),
    bodyLimit: e.BODY_LIMIT,
    uploadLimitBytes: Math.round(e.UPLOAD_LIMIT_MB * 1024 * 1024),
    uploads: {
      maxExpandedBytes: Math.round(e.UPLOAD_MAX_EXPANDED_MB * 1024 * 1024),
      maxRatio: e.UPLOAD_MAX_RATIO,
      concurrency: e.UPLOAD_CONCURRENCY,
      pdfTimeoutMs: Math.round(e.PDF_TIMEOUT_SECONDS * 1000),
      pdfMaxPages: e.PDF_MAX_PAGES,
      pdfMemoryMb: e.PDF_MEMORY_MB,
    },
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    lockout: { threshold: e.LOCKOUT_THRESHOLD, minutes: e.LOCKOUT_MINUTES },
    seedDemo: e.SEED_DEMO,
    oidc,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      notifyApiKey: e.NOTIFY_API_KEY,
      notifyTemplateId: e.NOTIFY_TEMPLATE_ID,
    },
    chromiumPath: e.CHROMIUM_PATH,
    sessionSecret: e.SESSION_SECRET,
    version: packageVersion(),
    metricsToken: e.METRICS_TOKEN,
    webConcurrency: e.WEB_CONCURRENCY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    ...overrides,
  };
}

/** The upload settings in force (the file size limit and the rest), for src/lib/upload-limits.ts. */
export function uploadSettings(config: Config): UploadSettings {
  return { maxUploadBytes: config.uploadLimitBytes, ...config.uploads };
}
