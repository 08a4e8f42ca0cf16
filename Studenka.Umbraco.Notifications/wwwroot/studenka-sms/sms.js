// Progressive enhancement only: without this file the form still works (streets are grouped by
// city part and the server checks the pair). With it, each street list shows only the streets of
// the chosen part, the "street missing" text field appears only when its box is ticked, and the
// error summary takes focus so screen readers announce it.
(function () {
  'use strict';

  function filterStreets(address) {
    var part = address.querySelector('select[data-part]');
    var street = address.querySelector('select[data-street]');
    if (!part || !street) return;
    var chosen = part.value;
    var option = part.options[part.selectedIndex];
    var hasStreets = option && option.getAttribute('data-has-streets') === 'true';
    Array.prototype.forEach.call(street.querySelectorAll('optgroup'), function (group) {
      var match = group.getAttribute('data-part-id') === chosen;
      group.hidden = !match;
      group.disabled = !match;
    });
    var selected = street.options[street.selectedIndex];
    if (selected && selected.parentElement && selected.parentElement.tagName === 'OPTGROUP' && selected.parentElement.disabled) {
      street.value = '';
    }
    var noStreets = chosen !== '' && !hasStreets;
    var missing = address.querySelector('[data-street-missing] input[type=checkbox]');
    var typed = address.querySelector('[data-street-name] input');
    var typing = !noStreets && !!missing && missing.checked;
    // A typed street replaces the list: the list is neither shown nor posted, and the other way round.
    street.disabled = noStreets || typing;
    street.closest('.studenka-sms-field').hidden = noStreets || typing;
    if (missing) {
      missing.disabled = noStreets;
      missing.closest('[data-street-missing]').hidden = noStreets;
    }
    if (typed) {
      typed.disabled = !typing;
      typed.closest('[data-street-name]').hidden = !typing;
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-studenka-sms-form] [data-address]'), function (address) {
      filterStreets(address);
      var part = address.querySelector('select[data-part]');
      if (part) part.addEventListener('change', function () { filterStreets(address); });
      var missing = address.querySelector('[data-street-missing] input[type=checkbox]');
      if (missing) {
        missing.addEventListener('change', function () {
          filterStreets(address);
          var next = address.querySelector(missing.checked ? '[data-street-name] input' : 'select[data-street]');
          if (next) next.focus();
        });
      }
    });
    var summary = document.querySelector('.studenka-sms-error-summary[data-focus]');
    if (summary) summary.focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
