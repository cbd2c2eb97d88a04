// Buttons marked data-print print the page. A file of its own because the Content-Security-Policy
// (script-src 'self') refuses inline script and onclick attributes.
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
