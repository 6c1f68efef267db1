import { initAll } from '/javascripts/govuk-frontend.min.js';
// Every GOV.UK button ignores a second click within a second: an officer's double click on "Post update"
// or "Save" would otherwise send the form twice and save two records.
initAll({ button: { preventDoubleClick: true } });

// A link or button reached by Tab inside a table that scrolls sideways (at 320 px) is brought fully into
// view: Chromium can leave one that is partly visible where it is, its start off the edge of the screen.
document.addEventListener('focusin', (event) => {
  const target = event.target;
  const table = target instanceof HTMLElement ? target.closest('.waymark-table-scroll') : null;
  if (table && table !== target) target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
});
