/** The dashboard's own stylesheet and script: served by the app, nothing fetched from elsewhere. */
export const ADMIN_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #b1b4b6; --accent: #1d4f91;
  --danger: #a4161a; --ok: #0b6b2f; --bg: #ffffff; --panel: #f3f4f5; --focus: #ffbf47; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, main:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--focus); color: var(--ink); padding: .5rem 1rem; }
.skip-link:focus { left: 0; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: .75rem 1.5rem; background: var(--accent); color: #fff; }
header a, header .link-button { color: #fff; }
header p { margin: 0; }
.brand { font-weight: 700; }
nav { display: flex; gap: 1.5rem; align-items: center; }
nav ul { display: flex; gap: 1.5rem; list-style: none; margin: 0; padding: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding-bottom: .5rem; }
th, td { border-bottom: 1px solid var(--line); padding: .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
code, .key { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.scopes { margin: 0; padding: 0; list-style: none; }
form.stack > * + * { margin-top: 1rem; }
label { display: block; font-weight: 600; }
.hint { color: var(--muted); font-weight: 400; margin: .25rem 0; }
input[type=text], input[type=email], input[type=password], input[type=date], select, textarea {
  font: inherit; padding: .4rem .5rem; border: 2px solid var(--ink); border-radius: 0; width: 100%; max-width: 32rem; }
textarea { min-height: 6rem; }
fieldset { border: 1px solid var(--line); padding: .75rem 1rem; margin: 0 0 .75rem; }
legend { font-weight: 700; padding: 0 .25rem; }
.checkbox { display: flex; gap: .5rem; align-items: baseline; font-weight: 400; }
.checkbox input { width: auto; }
.unavailable { color: var(--muted); }
button, .button { font: inherit; padding: .5rem 1rem; border: 2px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.danger { background: var(--danger); border-color: var(--danger); }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
.link-button { background: none; border: none; padding: 0; text-decoration: underline; color: var(--accent); }
.actions { display: flex; gap: .75rem; flex-wrap: wrap; }
.error-summary { border: 4px solid var(--danger); padding: .5rem 1rem; margin-bottom: 1rem; }
.notice { border-left: 6px solid var(--ok); background: var(--panel); padding: .5rem 1rem; margin-bottom: 1rem; }
.secret { border: 4px solid var(--accent); padding: 1rem; margin: 1rem 0; }
.secret input { width: 100%; max-width: none; font-family: ui-monospace, Menlo, Consolas, monospace; }
.status-active { color: var(--ok); font-weight: 700; }
.status-expired, .status-revoked { color: var(--muted); font-weight: 700; }
.filter { display: flex; gap: .75rem; align-items: end; flex-wrap: wrap; }
.filter label { display: inline-block; }
.filter select { width: auto; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** Progressive enhancement: a copy button beside the one-time secret, and focus on a refused form's message. */
export const ADMIN_JS = `
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    var target = document.getElementById(button.getAttribute('data-copy-target'));
    var status = document.getElementById(button.getAttribute('data-copy-status'));
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(target.value).then(function () {
        if (status) status.textContent = 'Copied to the clipboard.';
      }, function () {
        target.select();
        if (status) status.textContent = 'Copy failed: the key is selected, press Ctrl+C (or Cmd+C).';
      });
    });
  });
});
`;
