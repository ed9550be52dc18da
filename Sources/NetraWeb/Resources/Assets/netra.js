// Netra's only script, loaded from our own origin so that the Content-Security-Policy can refuse every inline
// script. It adds conveniences; every page works without it.
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-print]');
  if (button) {
    event.preventDefault();
    window.print();
  }
});
