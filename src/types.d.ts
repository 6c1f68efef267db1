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
    /** Accounts in several organisations proved at sign-in, waiting for the person to choose one. */
    pendingSignIn?: { userIds: string[]; returnTo?: string; at: number };
  }
}

declare global {
  namespace Express {
    interface Request {
      user?: CurrentUser;
      actor?: Actor;
      apiToken?: boolean;
      /** The upload a multipart form brought (src/middleware/csrf.ts `multipartForm`): its limits or its refusal. */
      upload?: import('./middleware/csrf.js').ReceivedUpload;
    }
  }
}

export {};
