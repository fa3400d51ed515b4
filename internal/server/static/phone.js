// Formats a Russian mobile number as it is typed: +7 (___) ___-__-__.
// The page works without it: the server accepts any usual spelling.
document.querySelectorAll('input[type="tel"]').forEach(function (input) {
  input.addEventListener('input', function () {
    var d = input.value.replace(/\D/g, '');
    if (d.charAt(0) === '8' || d.charAt(0) === '7') d = d.slice(1);
    d = d.slice(0, 10);
    var out = '+7';
    if (d.length > 0) out += ' (' + d.slice(0, 3);
    if (d.length >= 3) out += ')';
    if (d.length > 3) out += ' ' + d.slice(3, 6);
    if (d.length > 6) out += '-' + d.slice(6, 8);
    if (d.length > 8) out += '-' + d.slice(8, 10);
    input.value = out;
  });
});
