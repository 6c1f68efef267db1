import { sqlMigration } from '../../db/sql-migration.js';

/**
 * Annex A in the published template: each import keeps its readable quality report (findings grouped
 * by list, column and check; the template version; the figures a workbook could not give and why; the
 * comparison with the previous snapshot), and the computed indicators that have a published national
 * counterpart are linked to it (those created before this were created without one).
 */
export default sqlMigration([
  `alter table annex_imports add column report jsonb`,
  `update indicators set national_measure = m.measure, updated_at = now(), version = version + 1
     from (values
       ('annex-a-re-referrals-12m', 'cin-rereferrals-percent'),
       ('annex-a-cp-second-time', 'cp-subsequent-percent'),
       ('annex-a-cp-two-years', 'cp-two-years-percent'),
       ('annex-a-cla-3-placements', 'cla-three-placements-percent'),
       ('annex-a-care-leavers-suitable-accommodation', 'care-leavers-suitable-accommodation'),
       ('annex-a-care-leavers-eet', 'care-leavers-eet'),
       ('annex-a-caseload', 'csww-caseload')
     ) as m(key, measure)
     where indicators.key = m.key and indicators.national_measure is null`,
  // The template has no placement distance, so this figure is no longer computed; its history stays.
  `update indicators set name = 'Children in care placed more than 20 miles from home (no longer computed)',
     definition = 'No longer computed: the Annex A template gives no distance from home. See "Children in care placed outside the authority’s area", computed from Placement Location and LA of Placement.',
     updated_at = now(), version = version + 1
     where key = 'annex-a-cla-20-miles'`,
]);
