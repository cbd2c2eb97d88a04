// A table wider than its box scrolls inside the box (site.css); it then takes the keyboard focus, so that
// someone without a mouse can scroll it with the arrow keys (WCAG 2.1.1; axe-core's scrollable-region-focusable).
(function () {
  function mark() {
    document.querySelectorAll('table').forEach(function (table) {
      // The marker says which tabindex this script set, so that it takes back only its own.
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls) {
        table.tabIndex = 0;
      } else if (table.hasAttribute('data-scroll-focus')) {
        table.removeAttribute('tabindex');
      }
      table.toggleAttribute('data-scroll-focus', scrolls);
    });
  }
  mark();
  window.addEventListener('resize', mark);
})();
