import { initAll } from '/javascripts/govuk-frontend.min.js';
// Every GOV.UK button ignores a second click within a second: an officer's double click on "Post update"
// or "Save" would otherwise send the form twice and save two records.
initAll({ button: { preventDoubleClick: true } });

// Keyboard users at narrow widths: a link focused inside a scrolling table is brought fully into
// view (browsers only scroll when it is wholly hidden, leaving the start of a link cut off).
document.addEventListener('focusin', (event) => {
  const el = event.target;
  if (!(el instanceof HTMLElement)) return;
  const region = el.closest('.waymark-table-scroll');
  if (!region || region === el) return;
  const box = region.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  if (r.left < box.left) region.scrollLeft -= box.left - r.left + 8;
  else if (r.right > box.right) region.scrollLeft += r.right - box.right + 8;
});
