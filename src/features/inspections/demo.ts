import type { Services } from '../../container.js';
import type { DemoContext } from '../../db/seeds/demo.js';
import { firstRecord } from '../../db/seeds/demo-records.js';
import type { FindingKind } from '../../lib/frameworks.js';
import { insertAudited } from '../audit/audit.js';
import { importNationalOutcomesIfEmpty } from '../national/import.js';
import { addFindings, createInspection, type InspectionInput } from './service.js';

type DemoInspection = InspectionInput & { findings: [FindingKind, string, string?][] };

/**
 * A believable, fictional history for the demo council: inadequate under the single inspection
 * framework (2015, with the safeguarding board review), monitoring, requires improvement under ILACS
 * (2019 and 2023), then a focused visit naming an area for priority action. Wording is our own.
 */
const HISTORY: DemoInspection[] = [
  {
    type: 'sif',
    startDate: '2015-02-02',
    endDate: '2015-02-26',
    publishedDate: '2015-04-14',
    judgements: {
      'overall-effectiveness': 'inadequate',
      'help-and-protection': 'inadequate',
      'looked-after-permanence': 'requires-improvement',
      'adoption-performance': 'good',
      'care-leavers': 'requires-improvement',
      'leadership-management-governance': 'inadequate',
    },
    findings: [
      [
        'recommendation',
        'Put in place a performance management framework that gives leaders accurate and timely information about the quality of practice.',
        'R1',
      ],
      [
        'recommendation',
        'Ensure that all social workers receive regular, reflective supervision that is recorded and challenges drift.',
        'R2',
      ],
      [
        'recommendation',
        'Improve the quality of assessments so that risks to children are analysed and inform plans.',
        'R3',
      ],
      [
        'recommendation',
        'Reduce caseloads so that social workers can visit children within timescales and build relationships with them.',
        'R4',
      ],
      [
        'recommendation',
        'Ensure that children who go missing from home or care are offered a return home interview and that the information is used to reduce risk.',
        'R5',
      ],
      [
        'recommendation',
        'Improve the sufficiency of local foster homes so that children can live close to their families and schools.',
        'R6',
      ],
      ['strength', 'Children whose plan is adoption are matched with families without delay.'],
    ],
  },
  {
    type: 'lscb-review',
    startDate: '2015-02-02',
    endDate: '2015-02-26',
    publishedDate: '2015-04-14',
    judgements: { 'overall-effectiveness': 'requires-improvement' },
    findings: [
      [
        'recommendation',
        'Ensure that the board evaluates the effectiveness of partners’ safeguarding practice through multi-agency audit.',
        'R1',
      ],
    ],
  },
  {
    type: 'monitoring-visit',
    startDate: '2016-03-08',
    endDate: '2016-03-09',
    publishedDate: '2016-04-05',
    findings: [
      ['strength', 'Leaders have stabilised the front door and contacts are now screened promptly.'],
      [
        'area-for-improvement',
        'Supervision is more regular but is not yet reflective enough to prevent drift for some children.',
      ],
    ],
  },
  {
    type: 'ilacs-standard',
    startDate: '2019-06-10',
    endDate: '2019-06-21',
    publishedDate: '2019-08-05',
    judgements: {
      'overall-effectiveness': 'requires-improvement',
      leaders: 'requires-improvement',
      'help-and-protection': 'requires-improvement',
      'children-in-care-and-care-leavers': 'good',
    },
    findings: [
      ['area-for-improvement', 'The quality of assessments, so that they consistently analyse risk and inform plans.'],
      [
        'area-for-improvement',
        'The consistency and quality of supervision, so that it is reflective and prevents drift.',
      ],
      ['area-for-improvement', 'The sufficiency of local foster homes for children in care.'],
      [
        'area-for-improvement',
        'The accuracy of performance information used by leaders to understand the quality of practice.',
      ],
      ['strength', 'Children in care are visited regularly by social workers who know them well.'],
    ],
  },
  {
    type: 'ilacs-standard',
    startDate: '2023-03-13',
    endDate: '2023-03-24',
    publishedDate: '2023-05-16',
    judgements: {
      'overall-effectiveness': 'requires-improvement',
      leaders: 'requires-improvement',
      'help-and-protection': 'requires-improvement',
      'children-in-care': 'good',
      'care-leavers': 'requires-improvement',
    },
    findings: [
      ['area-for-improvement', 'Frontline management oversight and supervision, so that plans progress without drift.'],
      ['area-for-improvement', 'The sufficiency of foster homes for children, including brothers and sisters.'],
      ['area-for-improvement', 'The timeliness of initial child protection conferences.'],
      ['area-for-improvement', 'The range of accommodation and support for care leavers aged 18 to 25.'],
      ['strength', 'Early help is well coordinated through family hubs and prevents needs escalating.'],
      ['strength', 'Leaders have an accurate understanding of the service’s strengths and weaknesses.'],
    ],
  },
  {
    type: 'focused-visit',
    startDate: '2026-10-13',
    endDate: '2026-10-14',
    publishedDate: '2026-11-10',
    priorityActions: true,
    findings: [
      [
        'further-action',
        'The quality of assessments, so that risk to children on the edge of care is analysed and informs plans without delay.',
      ],
      ['area-for-improvement', 'Management oversight of work with children in pre-proceedings.'],
      ['strength', 'Children in care are supported by stable teams and know their social workers.'],
    ],
  },
];

export async function seedInspectionsDemo(services: Services, ctx: DemoContext): Promise<void> {
  const { db } = services;
  await importNationalOutcomesIfEmpty(db);
  if (await firstRecord(db, ctx.organisationId, 'inspections', { source: 'demo' })) return;
  await db.transaction().execute(async (trx) => {
    for (const { findings, ...input } of HISTORY) {
      const inspection = await createInspection(trx, ctx.actor, input, 'demo');
      if (findings.length)
        await addFindings(
          trx,
          ctx.actor,
          inspection,
          findings.map(([kind, text, reference]) => ({ kind, text, reference: reference ?? null })),
        );
    }
    await insertAudited(trx, ctx.actor, 'selfEvaluations', {
      title: 'Self-evaluation 2018 to 2019',
      completedDate: '2018-11-30',
      frameworkVersionKey: 'ilacs-2018',
      areas: JSON.stringify([
        {
          area: 'overall-effectiveness',
          grade: 'good',
          narrative: 'We believe the service is now good: the improvement plan is complete and caseloads are down.',
        },
        {
          area: 'leaders',
          grade: 'good',
          narrative: 'A stable senior team, a refreshed performance framework and regular practice weeks.',
        },
        {
          area: 'help-and-protection',
          grade: 'requires-improvement',
          narrative: 'Assessment quality is still variable; audits show a third not yet good.',
        },
        {
          area: 'children-in-care-and-care-leavers',
          grade: 'good',
          narrative: 'Children in care are visited regularly and placement stability has improved.',
        },
      ]),
    });
    await insertAudited(trx, ctx.actor, 'selfEvaluations', {
      title: 'Self-evaluation 2024 to 2025',
      completedDate: '2024-10-31',
      frameworkVersionKey: 'ilacs-2023',
      areas: JSON.stringify([
        {
          area: 'overall-effectiveness',
          grade: 'requires-improvement',
          narrative:
            'Good progress in early help and children in care; help and protection is not yet consistently good.',
        },
        {
          area: 'leaders',
          grade: 'requires-improvement',
          narrative: 'Leaders know the service well, but frontline oversight is uneven across teams.',
        },
        {
          area: 'help-and-protection',
          grade: 'requires-improvement',
          narrative: 'Front door decisions are timely; assessments on the edge of care remain a concern.',
        },
        {
          area: 'children-in-care',
          grade: 'good',
          narrative: 'Stability and participation have improved; foster home sufficiency is the main risk.',
        },
        {
          area: 'care-leavers',
          grade: 'requires-improvement',
          narrative: 'The local offer has been refreshed but accommodation choice for older care leavers is limited.',
        },
      ]),
    });
  });
}
