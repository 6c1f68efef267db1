import { recordKey, recordColumns, sqlMigration } from '../../db/sql-migration.js';

/**
 * Governance (issue 7): bodies and members, meetings with agenda, attendance and minutes, questions,
 * action sheets, information requests, decisions with call-in, the forward plan, the risk register and
 * reminder runs. Links to other features' records (inspections, plans, actions, indicators, reports) are
 * typed references checked by the service, so this migration does not depend on those tables.
 */
export default sqlMigration([
  `create table governance_settings (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null unique references organisations(id),
      call_in_working_days integer not null default 5 check (call_in_working_days between 1 and 30),
      call_in_counts_publication_day boolean not null default true,
      reminder_days_ahead integer not null default 5 check (reminder_days_ahead between 0 and 30),
      ${recordColumns}
    )`,
  `create table bodies (
      ${recordKey},
      name text not null,
      kind text not null check (kind in ('improvement-board','scrutiny-committee','cabinet','corporate-parenting-board','members-seminar','other')),
      description text,
      ${recordColumns}
    )`,
  `create unique index bodies_name_unique on bodies (organisation_id, lower(name))`,
  `create table body_members (
      ${recordKey},
      body_id uuid not null references bodies(id) on delete cascade,
      user_id uuid references users(id),
      name text not null,
      member_role text not null check (member_role in ('chair','member','officer','adviser')),
      ${recordColumns}
    )`,
  `create index body_members_body on body_members (body_id)`,
  `create table meetings (
      ${recordKey},
      body_id uuid not null references bodies(id),
      meeting_date date not null,
      title text,
      location text,
      minutes text,
      ${recordColumns}
    )`,
  `create index meetings_body_date on meetings (organisation_id, body_id, meeting_date)`,
  `create table agenda_items (
      ${recordKey},
      meeting_id uuid not null references meetings(id) on delete cascade,
      position integer not null,
      title text not null,
      summary text,
      link_type text check (link_type in ('inspection','plan','plan-action','indicator','risk','report')),
      link_id uuid,
      ${recordColumns},
      check ((link_type is null) = (link_id is null))
    )`,
  `create index agenda_items_meeting on agenda_items (meeting_id, position)`,
  `create table meeting_attendance (
      ${recordKey},
      meeting_id uuid not null references meetings(id) on delete cascade,
      member_id uuid not null references body_members(id) on delete cascade,
      status text not null check (status in ('present','apologies','absent')),
      ${recordColumns},
      unique (meeting_id, member_id)
    )`,
  `create table meeting_questions (
      ${recordKey},
      meeting_id uuid not null references meetings(id),
      asked_by text not null,
      question text not null,
      submitted_on date not null,
      response text,
      responded_by text,
      status text not null default 'awaiting-response' check (status in ('awaiting-response','answered','withdrawn')),
      ${recordColumns}
    )`,
  `create index meeting_questions_meeting on meeting_questions (meeting_id)`,
  `create table action_sheet_items (
      ${recordKey},
      meeting_id uuid not null references meetings(id),
      agenda_item_id uuid references agenda_items(id) on delete set null,
      plan_action_id uuid,
      description text not null,
      owner_id uuid not null references users(id),
      due_date date not null,
      status text not null default 'open' check (status in ('open','in-progress','closed')),
      closed_on date,
      progress_note text,
      ${recordColumns},
      check ((status = 'closed') = (closed_on is not null))
    )`,
  `create index action_sheet_items_meeting on action_sheet_items (meeting_id)`,
  `create index action_sheet_items_open on action_sheet_items (organisation_id, status, due_date)`,
  `create table information_requests (
      ${recordKey},
      meeting_id uuid not null references meetings(id),
      requested_by text not null,
      request text not null,
      officer_id uuid references users(id),
      due_date date,
      answer text,
      answered_on date,
      ${recordColumns},
      check ((answered_on is null) or (answer is not null))
    )`,
  `create index information_requests_meeting on information_requests (meeting_id)`,
  `create table decisions (
      ${recordKey},
      title text not null,
      decision_text text,
      decision_maker text not null,
      meeting_id uuid references meetings(id),
      made_date date not null,
      published_date date not null,
      call_in_deadline date not null,
      status text not null default 'published' check (status in ('published','called-in','implemented')),
      ${recordColumns},
      check (published_date >= made_date),
      check (call_in_deadline >= published_date)
    )`,
  `create index decisions_org_published on decisions (organisation_id, published_date)`,
  `create table forward_plan_items (
      ${recordKey},
      body_id uuid not null references bodies(id),
      title text not null,
      description text,
      owner_id uuid references users(id),
      recurrence text not null check (recurrence in ('one-off','monthly','quarterly','six-monthly','annual')),
      due_date date not null,
      status text not null default 'planned' check (status in ('planned','delivered','cancelled')),
      last_delivered_on date,
      ${recordColumns}
    )`,
  `create index forward_plan_items_body on forward_plan_items (organisation_id, body_id, due_date)`,
  `create table risks (
      ${recordKey},
      reference text not null,
      title text not null,
      cause text,
      consequence text,
      owner_id uuid references users(id),
      controls text,
      likelihood integer not null check (likelihood between 1 and 5),
      impact integer not null check (impact between 1 and 5),
      review_date date,
      status text not null default 'open' check (status in ('open','closed')),
      ${recordColumns}
    )`,
  `create unique index risks_reference_unique on risks (organisation_id, lower(reference))`,
  `create table risk_score_history (
      ${recordKey},
      risk_id uuid not null references risks(id) on delete cascade,
      likelihood integer not null check (likelihood between 1 and 5),
      impact integer not null check (impact between 1 and 5),
      score integer not null,
      recorded_on date not null,
      recorded_by text not null,
      note text,
      created_at timestamptz not null default now()
    )`,
  `create index risk_score_history_risk on risk_score_history (risk_id, created_at)`,
  `create table risk_links (
      ${recordKey},
      risk_id uuid not null references risks(id) on delete cascade,
      target_type text not null check (target_type in ('indicator','plan-action')),
      target_id uuid not null,
      created_at timestamptz not null default now(),
      unique (risk_id, target_type, target_id)
    )`,
  `create table reminder_runs (
      ${recordKey},
      run_date date not null,
      emails_sent integer not null default 0,
      emails_failed integer not null default 0,
      created_at timestamptz not null default now(),
      unique (organisation_id, run_date)
    )`,
]);
