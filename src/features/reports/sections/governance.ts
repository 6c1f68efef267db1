import { formatGovukDate } from '../../../lib/dates.js';
import type { Block } from '../content.js';
import { clip, clipForExcel, tableOrNone, type Ctx } from './context.js';

export async function governanceBlocks(ctx: Ctx): Promise<Block[]> {
  const bodyId = ctx.input.bodyId ?? null;
  let items = ctx.db
    .selectFrom('actionSheetItems')
    .innerJoin('meetings', 'meetings.id', 'actionSheetItems.meetingId')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .leftJoin('users', 'users.id', 'actionSheetItems.ownerId')
    .select([
      'actionSheetItems.description',
      'actionSheetItems.dueDate',
      'actionSheetItems.status',
      'actionSheetItems.progressNote',
      'meetings.meetingDate',
      'bodies.name as bodyName',
      'users.displayName as ownerName',
    ])
    .where('actionSheetItems.organisationId', '=', ctx.input.organisationId)
    .where('actionSheetItems.status', '!=', 'closed');
  let requests = ctx.db
    .selectFrom('informationRequests')
    .innerJoin('meetings', 'meetings.id', 'informationRequests.meetingId')
    .innerJoin('bodies', 'bodies.id', 'meetings.bodyId')
    .leftJoin('users', 'users.id', 'informationRequests.officerId')
    .select([
      'informationRequests.requestedBy',
      'informationRequests.request',
      'informationRequests.dueDate',
      'meetings.meetingDate',
      'bodies.name as bodyName',
      'users.displayName as officerName',
    ])
    .where('informationRequests.organisationId', '=', ctx.input.organisationId)
    .where('informationRequests.answeredOn', 'is', null);
  if (bodyId) {
    items = items.where('meetings.bodyId', '=', bodyId);
    requests = requests.where('meetings.bodyId', '=', bodyId);
  }
  const [itemRows, requestRows] = await Promise.all([
    items.orderBy('actionSheetItems.dueDate').execute(),
    requests.orderBy('meetings.meetingDate').execute(),
  ]);
  const today = ctx.input.today;
  const blocks: Block[] = [{ kind: 'heading', text: 'Action sheet' }];
  if (itemRows.length) {
    const overdue = itemRows.filter((i) => i.dueDate < today).length;
    blocks.push({
      kind: 'paragraph',
      text: `${itemRows.length} open ${itemRows.length === 1 ? 'item' : 'items'}, ${overdue} past ${overdue === 1 ? 'its' : 'their'} due date.`,
    });
  }
  blocks.push(
    tableOrNone(itemRows, 'No action-sheet items are open.', {
      caption: 'Open action-sheet items',
      columns: [
        { header: 'Meeting', width: 2 },
        { header: 'Action', width: 4 },
        { header: 'Owner', width: 1.5 },
        { header: 'Due', width: 1.3 },
        { header: 'Status' },
        { header: 'Progress', width: 3 },
      ],
      row: (i) => [
        `${i.bodyName}, ${formatGovukDate(i.meetingDate)}`,
        clip(i.description),
        i.ownerName ?? 'No owner',
        {
          text: `${formatGovukDate(i.dueDate)}${i.dueDate < today ? ' (overdue)' : ''}`,
          rag: i.dueDate < today ? 'red' : 'none',
        },
        i.status === 'in-progress' ? 'In progress' : 'Open',
        clip(i.progressNote) || '–',
      ],
    }),
    { kind: 'heading', text: 'Outstanding information requests' },
    tableOrNone(requestRows, 'No information requests are outstanding.', {
      caption: 'Information requests not yet answered',
      columns: [
        { header: 'Meeting', width: 2 },
        { header: 'Requested by', width: 1.5 },
        { header: 'Request', width: 4 },
        { header: 'Officer', width: 1.5 },
        { header: 'Due', width: 1.3 },
      ],
      row: (r) => [
        `${r.bodyName}, ${formatGovukDate(r.meetingDate)}`,
        r.requestedBy,
        clip(r.request),
        r.officerName ?? 'Not assigned',
        r.dueDate ? formatGovukDate(r.dueDate) : 'No date',
      ],
    }),
  );
  ctx.data.push(
    {
      name: 'Action sheet',
      columns: ['Body', 'Meeting date', 'Action', 'Owner', 'Due date', 'Status', 'Progress'],
      rows: itemRows.map((i) => [
        i.bodyName,
        i.meetingDate,
        clipForExcel(i.description),
        i.ownerName,
        i.dueDate,
        i.status,
        clipForExcel(i.progressNote),
      ]),
    },
    {
      name: 'Information requests',
      columns: ['Body', 'Meeting date', 'Requested by', 'Request', 'Officer', 'Due date'],
      rows: requestRows.map((r) => [
        r.bodyName,
        r.meetingDate,
        r.requestedBy,
        clipForExcel(r.request),
        r.officerName,
        r.dueDate,
      ]),
    },
  );
  return blocks;
}
