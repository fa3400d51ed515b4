// Formats a Russian number as it is typed: +7 (___) ___-__-__.
// The page works without it: the server accepts any usual spelling.
//
// Once the field starts with «+7», the digits after it are the number;
// before that, a leading 7 or 8 is the country or trunk prefix. So
// «+7 913…», «7913…», «8913…» and «913…» typed key by key all end as
// +7 (913) …; deleting is left alone, so a bracket can be erased.
(function () {
  function format(value) {
    var d;
    if (value.slice(0, 2) === '+7') {
      d = value.slice(2).replace(/\D/g, '');
    } else {
      d = value.replace(/\D/g, '');
      if (d === '') return value.replace(/[^+]/g, '').slice(0, 1);
      if (d.charAt(0) === '7' || d.charAt(0) === '8') d = d.slice(1);
    }
    d = d.slice(0, 10);
    var out = '+7';
    if (d.length > 0) out += ' (' + d.slice(0, 3);
    if (d.length > 3) out += ') ' + d.slice(3, 6);
    if (d.length > 6) out += '-' + d.slice(6, 8);
    if (d.length > 8) out += '-' + d.slice(8, 10);
    return out;
  }
  document.querySelectorAll('input[type="tel"]').forEach(function (input) {
    input.addEventListener('input', function (e) {
      if (e.inputType && e.inputType.indexOf('delete') === 0) return;
      input.value = format(input.value);
    });
  });
})();
