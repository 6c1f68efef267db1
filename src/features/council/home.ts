import type { Services } from '../../container.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { todayInLondon } from '../../lib/dates.js';
import { changesSinceLastBoard, type ChangesSince } from './changes.js';
import { loadForecast } from './forecast.js';
import type { Forecast } from '../../lib/inspection-forecast.js';

/** The home page's sections below the cards: the forecast and what changed since the board last met. */
export interface CouncilHome {
  forecast: Forecast | null;
  changes: ChangesSince | null;
}

export async function councilHome(services: Services, user: CurrentUser): Promise<CouncilHome> {
  const today = todayInLondon(services.now());
  const [forecast, changes] = await Promise.all([
    loadForecast(services.db, user.organisationId, today),
    changesSinceLastBoard(services.db, user.organisationId, today),
  ]);
  return { forecast, changes };
}
