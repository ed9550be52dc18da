// Netra's only script, loaded from our own origin so that the Content-Security-Policy can refuse every inline
// script. It adds conveniences; every page works without it.
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-print]');
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// A double tap sends a form once: a second submit of the same form within a few seconds is dropped. (Forms that
// create something are answered by a redirect, so a refresh does not send them again either; a form that answers
// with a download can be sent again after the pause.)
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.method.toLowerCase() !== 'post') return;
  var now = Date.now();
  if (form.dataset.sentAt && now - Number(form.dataset.sentAt) < 4000) {
    event.preventDefault();
    return;
  }
  form.dataset.sentAt = String(now);
});

// A link to a rule card (/panduan#rule-id) opens the card it points at.
function openTargetCard() {
  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.tagName === 'DETAILS') target.open = true;
}
window.addEventListener('hashchange', openTargetCard);
document.addEventListener('DOMContentLoaded', openTargetCard);
