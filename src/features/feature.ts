import type { Router } from 'express';
import type { Services } from '../container.js';
import type { ApiRegistry } from '../api/registry.js';
import type { Role } from '../db/foundation-tables.js';
import type { CurrentUser } from '../middleware/auth.js';

export interface NavItem {
  text: string;
  href: string;
  /** Minimum role to see the link (everyone signed in by default). */
  role?: Role;
}

export interface HomeCard {
  title: string;
  href: string;
  value?: string | number;
  text?: string;
}

/** A capability of Waymark: its pages (behind sign-in), its API routes, its navigation link and overview cards. */
export interface Feature {
  name: string;
  nav?: NavItem[];
  web?(router: Router, services: Services): void;
  api?(api: ApiRegistry, services: Services): void;
  homeCards?(services: Services, user: CurrentUser): Promise<HomeCard[]>;
}
