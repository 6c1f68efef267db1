import type { ReportContent } from '../content.js';

const LONG = 'Long narrative. '.repeat(3000);

/** Hand-made content for renderer tests: every kind of block, awkward text included. */
export function sampleContent(): ReportContent {
  return {
    schemaVersion: 1,
    type: 'improvement-board-pack',
    title: 'Improvement board pack: Road to Good',
    metadata: {
      organisationName: 'Ashdown Vale Council',
      planId: '00000000-0000-4000-8000-000000000001',
      planTitle: 'Road to Good',
      planVersion: 2,
      planStatus: 'approved',
      asOf: '2025-03-14',
      preparedBy: 'Sam Okafor',
      bodyName: 'Good and Beyond Board',
      previousReport: null,
    },
    sections: [
      {
        key: 'summary',
        title: 'Summary of progress',
        blocks: [
          { kind: 'paragraph', style: 'lead', text: '12 actions in Road to Good.' },
          {
            kind: 'table',
            caption: 'Actions by RAG rating',
            columns: [
              { header: 'Rating' },
              { header: 'On the evidence', numeric: true },
              { header: 'By the owner', numeric: true },
            ],
            rows: [
              [{ text: 'Red', rag: 'red' }, 2, 1],
              [{ text: 'Amber', rag: 'amber' }, 3, 2],
            ],
          },
          { kind: 'list', items: ['2 actions are challenged.', '1 milestone is overdue.'] },
        ],
      },
      {
        key: 'themes',
        title: 'Progress by theme',
        blocks: [
          { kind: 'heading', text: 'Our practice' },
          {
            kind: 'table',
            caption: 'Our practice: actions and their latest update',
            columns: [{ header: 'Action' }, { header: 'Title', width: 3 }, { header: 'Latest update', width: 4 }],
            rows: [
              ['P1', '=HYPERLINK("http://evil.example","click")', '+44 is not a formula'],
              ['P2', '@SUM(A1)', '-1 unallocated cases <script>alert(1)</script>'],
              ['P3', 'Recruit & retain social workers', LONG.slice(0, 1200)],
            ],
          },
        ],
      },
      {
        key: 'indicators',
        title: 'Performance scorecard',
        blocks: [
          {
            kind: 'chart',
            title: 'Average caseload',
            altText:
              'Line chart of average caseload from April 2024 to June 2024: latest value 17 against a target of 15.',
            xLabels: ['Apr 2024', 'May 2024', 'Jun 2024'],
            series: [
              { name: 'Value', values: [21, 19, 17] },
              { name: 'Target', values: [15, 15, null] },
            ],
            yLabel: 'Cases per social worker',
          },
        ],
      },
    ],
    snapshot: { actions: [] },
    data: [
      {
        name: 'Actions',
        columns: ['Reference', 'Title', 'Description'],
        rows: [
          ['P1', '=1+1', LONG],
          ['P2', 'Plain', null],
          ['P3', '\t=cmd', -4],
        ],
      },
      { name: 'A name that is far too long for an Excel sheet: really', columns: ['x'], rows: [] },
    ],
  };
}
