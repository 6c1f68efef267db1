import { createRequire } from 'node:module';

interface GovUkBankHolidays {
  'england-and-wales': { division: string; events: { title: string; date: string; notes: string; bunting: boolean }[] };
}

const require = createRequire(import.meta.url);
// The committed snapshot has the shape of gov.uk's bank-holidays.json, so a newer download can replace it.
const snapshot = require('./bank-holidays-england-and-wales.json') as GovUkBankHolidays;

export function englandAndWalesEvents() {
  return snapshot['england-and-wales'].events;
}

export function englandAndWalesHolidays(): Set<string> {
  return new Set(englandAndWalesEvents().map((e) => e.date));
}
