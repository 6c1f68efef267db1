import type { Router } from 'express';
import type { Services } from '../../../container.js';
import type { FieldDef } from '../../../lib/forms/fields.js';
import { settingsSchema } from '../schemas.js';
import * as svc from '../service.js';
import { formRoute } from './form.js';

const settingsDefs: FieldDef[] = [
  {
    kind: 'input',
    name: 'callInWorkingDays',
    label: 'Call-in period in working days',
    width: 'govuk-input--width-3',
    inputmode: 'numeric',
  },
  {
    kind: 'radios',
    name: 'callInCountsPublicationDay',
    label: 'Does the day of publication count as the first day?',
    items: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No, count from the day after' },
    ],
  },
  {
    kind: 'input',
    name: 'reminderDaysAhead',
    label: 'Remind owners this many working days before a date',
    width: 'govuk-input--width-3',
    inputmode: 'numeric',
  },
];

/** The organisation's call-in rule and reminder notice (administrators). */
export function settingsRoutes(router: Router, services: Services): void {
  const { db } = services;
  formRoute(router, {
    path: '/governance/settings',
    role: 'admin',
    load: ({ user }) => svc.getSettings(db, user.organisationId),
    page: () => ({ title: 'Governance settings', back: '/governance' }),
    firstView: (s) => ({ version: s.version }),
    defs: () => settingsDefs,
    values: (s) => ({ ...s, callInCountsPublicationDay: s.callInCountsPublicationDay ? 'yes' : 'no' }),
    schema: settingsSchema,
    save: ({ callInWorkingDays, callInCountsPublicationDay, reminderDaysAhead, version }, _s, { actor }) =>
      svc.saveSettings(
        db,
        actor,
        { callInWorkingDays, callInCountsPublicationDay: callInCountsPublicationDay === 'yes', reminderDaysAhead },
        version,
      ),
    done: () => ({ flash: 'Governance settings saved.', redirect: '/governance' }),
  });
}
