import 'express-session';
import type { CurrentUser } from './middleware/auth.js';
import type { Actor } from './features/audit/audit.js';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    csrfToken?: string;
    returnTo?: string;
    flash?: { heading?: string; text: string; type?: 'success' | 'info' };
    oidc?: { state: string; nonce: string; codeVerifier: string; returnTo?: string };
  }
}

declare global {
  namespace Express {
    interface Request {
      user?: CurrentUser;
      actor?: Actor;
      apiToken?: boolean;
      /** What went wrong reading an upload (multer's error, e.g. LIMIT_FILE_SIZE), for the form to show. */
      uploadError?: { code?: string; message?: string };
    }
  }
}

export {};
