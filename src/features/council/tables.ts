import type { Generated } from 'kysely';
import type { DefaultTimestamp } from '../../db/foundation-tables.js';

export interface OrganisationBrandingTable {
  id: Generated<string>;
  organisationId: string;
  serviceName: string | null;
  brandColour: string | null;
  headerText: Generated<'white' | 'black'>;
  licenceText: string | null;
  logo: Buffer | null;
  logoType: 'image/png' | 'image/jpeg' | null;
  logoSha256: string | null;
  logoWidth: number | null;
  logoHeight: number | null;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface ActionControlNotesTable {
  id: Generated<string>;
  organisationId: string;
  actionId: string;
  reason: string;
  markedBy: string | null;
  markedByName: string;
  markedOn: string;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface CouncilTables {
  organisationBranding: OrganisationBrandingTable;
  actionControlNotes: ActionControlNotesTable;
}
