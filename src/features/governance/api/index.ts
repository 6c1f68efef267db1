import type { ApiRegistry } from '../../../api/registry.js';
import type { Services } from '../../../container.js';
import { decisionsApi } from './decisions.js';
import { meetingItemsApi } from './items.js';
import { meetingsApi } from './meetings.js';

/** The governance API, one module a group of resources. */
export function governanceApi(api: ApiRegistry, services: Services): void {
  meetingsApi(api, services);
  meetingItemsApi(api, services);
  decisionsApi(api, services);
}
