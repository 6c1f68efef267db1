import { describe, expect, it } from 'vitest';
import { buildDigests, renderDigestEmail, type ReminderItem } from './reminder-digest.js';

// Today is Thursday 22 May 2025; Monday 26 May 2025 is a bank holiday.
const TODAY = '2025-05-22';
const HOLIDAYS = new Set(['2025-05-26']);
const item = (
  ownerId: string,
  dueDate: string,
  title = 'Item',
  kind: ReminderItem['kind'] = 'action-sheet-item',
): ReminderItem => ({ ownerId, kind, title, dueDate, path: `/x/${title}` });

describe('buildDigests', () => {
  it.each([
    ['due yesterday → overdue', '2025-05-21', 'overdue', -1],
    ['due a month ago → overdue (22 working days: 3 + 5 + 5 + 5 + 4)', '2025-04-22', 'overdue', -22],
    ['due today → due soon, 0 days', '2025-05-22', 'dueSoon', 0],
    ['due Friday → 1 working day', '2025-05-23', 'dueSoon', 1],
    ['due Saturday → still 1 working day', '2025-05-24', 'dueSoon', 1],
    ['due bank-holiday Monday → 1 working day', '2025-05-26', 'dueSoon', 1],
    ['due Tuesday → 2 working days', '2025-05-27', 'dueSoon', 2],
    ['due Thursday next week → 4 working days', '2025-05-29', 'dueSoon', 4],
    ['due Friday next week → 5 working days (the limit)', '2025-05-30', 'dueSoon', 5],
    ['due Monday 2 June → 6 working days: left out', '2025-06-02', null, null],
  ] as const)('%s', (_label, due, section, left) => {
    const digests = buildDigests([item('u1', due)], TODAY, 5, HOLIDAYS);
    if (section === null) {
      expect(digests).toEqual([]);
      return;
    }
    expect(digests).toHaveLength(1);
    expect(digests[0][section]).toHaveLength(1);
    expect(digests[0][section][0].workingDaysLeft).toBe(left);
    expect(digests[0][section === 'overdue' ? 'dueSoon' : 'overdue']).toHaveLength(0);
  });

  it('groups by owner and sorts by date, then kind, then title', () => {
    const digests = buildDigests(
      [
        item('u2', '2025-05-23', 'B'),
        item('u1', '2025-05-27', 'Z'),
        item('u1', '2025-05-23', 'Y', 'risk-review'),
        item('u1', '2025-05-23', 'X', 'risk-review'),
        item('u1', '2025-05-23', 'W', 'information-request'),
        item('u1', '2025-05-01', 'Old'),
        item('u3', '2025-07-01', 'Far'),
      ],
      TODAY,
      5,
      HOLIDAYS,
    );
    expect(digests.map((d) => d.ownerId)).toEqual(['u1', 'u2']);
    expect(digests[0].overdue.map((e) => e.title)).toEqual(['Old']);
    expect(digests[0].dueSoon.map((e) => e.title)).toEqual(['W', 'X', 'Y', 'Z']);
  });
});

describe('renderDigestEmail', () => {
  it('writes the subject and body with absolute links', () => {
    const [digest] = buildDigests(
      [
        item('u1', '2025-05-20', 'Send staffing figures', 'information-request'),
        item('u1', '2025-05-23', 'Review HMO risk', 'risk-review'),
      ],
      TODAY,
      5,
      HOLIDAYS,
    );
    const email = renderDigestEmail(digest, 'Rowan Hartley', 'Ashdown Vale Council', 'https://waymark.example/', 5);
    expect(email.subject).toBe('Waymark reminders: 1 overdue, 1 due soon');
    expect(email.text).toBe(
      [
        'Dear Rowan Hartley,',
        '',
        'These are your items in Waymark for Ashdown Vale Council.',
        '',
        'Overdue:',
        '- Information request: Send staffing figures – was due 20 May 2025',
        '  https://waymark.example/x/Send staffing figures',
        '',
        'Due in the next 5 working days:',
        '- Risk review: Review HMO risk – due 23 May 2025 (in 1 working day)',
        '  https://waymark.example/x/Review HMO risk',
        '',
        'You get this email because you own these items. Update them in Waymark and they will drop off the list.',
        '',
      ].join('\n'),
    );
  });
});
