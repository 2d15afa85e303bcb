/**
 * The admin pages' rules, appended to the console's one stylesheet (assets.ts): forms with the
 * error next to the field, action rows, and printable invitation sheets. System fonts, no images.
 */
export const ADMIN_CSS = `
form.admin{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:10px 14px;align-items:start;margin:0 0 10px}
form.admin label,.field{display:flex;flex-direction:column;gap:3px;font-size:.88rem;color:#5b6570;min-width:0}
form.admin label input,form.admin label select,form.admin label textarea{color:#1d232a;font-size:1rem}
form.admin .wide{grid-column:1/-1}
form.admin .actions{grid-column:1/-1;display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center}
.field-error{color:#8a1c1c;font-size:.85rem}
[aria-invalid=true]{border-color:#8a1c1c;background:#fff7f7}
.form-error{background:#fde2e1;color:#8a1c1c;border-radius:4px;padding:8px 12px;margin:0 0 10px}
.form-ok{background:#dff3e4;color:#14532d;border-radius:4px;padding:8px 12px;margin:0 0 10px}
form.inline{display:inline-flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0}
button.link{background:none;border:0;color:#0b57a4;text-decoration:underline;padding:0;cursor:pointer}
button.danger{background:#fff;color:#8a1c1c;border:1px solid #8a1c1c;border-radius:4px;padding:5px 12px;cursor:pointer}
ul.tree{list-style:none;margin:0;padding-left:1.1em}
ul.tree>li{padding:3px 0}
ul.admin-home{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:10px}
ul.admin-home li{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:10px 12px}
ul.admin-home a{font-weight:600}
ul.plain form.inline{margin-left:10px}
ul.plain details{margin-top:4px}
form.admin.calendar .actions button{padding:7px 16px}
.invite-made{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.invite-made .invite-qr svg{width:220px;height:220px;max-width:100%}
.invite-code-big{font-family:ui-monospace,monospace;font-size:1.3rem;letter-spacing:.05em}
a.deep-link{overflow-wrap:anywhere}
.invite-sheet{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.invite-card{display:flex;gap:10px;border:1px dashed #7a838c;border-radius:4px;padding:10px;background:#fff;break-inside:avoid;page-break-inside:avoid}
.invite-card .invite-qr svg{width:140px;height:140px;display:block}
.invite-card .invite-text{min-width:0;font-size:.9rem}
.invite-card p,.invite-card ol{margin:0 0 4px}
.invite-card ol{padding-left:1.2em}
.invite-heading{font-weight:700}
.invite-name{font-weight:600}
.invite-code{font-family:ui-monospace,monospace}
@media print{@page{size:A4;margin:10mm}.invite-sheet{grid-template-columns:1fr 1fr;gap:5mm}.invite-card{height:86mm;overflow:hidden;font-size:9pt;border-color:#000}.invite-card .invite-qr svg{width:36mm;height:36mm}}
ul.proposals{list-style:none;margin:0;padding:0}
ul.proposals>li{border-top:1px solid #e6e9ed;padding:8px 0}
ul.proposals form.inline label{flex-direction:row;align-items:center;gap:6px;display:inline-flex;flex-wrap:wrap}
p.cohorts{font-weight:600}
a.button{display:inline-block;background:#a4161a;color:#fff;border-radius:4px;padding:7px 16px;text-decoration:none}
a.button.secondary{background:#fff;color:#a4161a;border:1px solid #a4161a}
ol.question-list{margin:6px 0 0;padding-left:1.6em}
ol.question-list li{padding:2px 0}
form.question-editor{margin:0 0 12px}
.editor-bar{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin:0 0 12px}
.editor-bar .title-field{display:flex;flex-direction:column;gap:3px;font-size:.88rem;color:#5b6570;flex:1 1 260px}
.editor-bar .title-field input{font-size:1rem;color:#1d232a}
fieldset.question{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:8px 12px 10px;margin:0 0 12px;min-width:0}
fieldset.question.has-problems{border-color:#8a1c1c}
fieldset.question legend{font-weight:600;padding:0 4px;overflow-wrap:anywhere}
.standard-note{background:#eef3f8;border-left:3px solid #0b57a4;padding:4px 8px;margin:0 0 8px}
ul.problems{margin:0 0 8px;padding-left:1.3em}
.question-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:8px 12px;align-items:start}
.question-grid label{display:flex;flex-direction:column;gap:3px;font-size:.88rem;color:#5b6570;min-width:0}
.question-grid label input,.question-grid label select,.question-grid label textarea{color:#1d232a;font-size:1rem;width:100%;box-sizing:border-box}
.question-grid .wide{grid-column:1/-1}
.question-grid p.fixed{margin:0;color:#1d232a}
.question-grid label.check{flex-direction:row;align-items:center;gap:6px;color:#1d232a}
.question-grid label.check input{width:auto}
fieldset.question details{margin:8px 0 0}
fieldset.question summary{cursor:pointer;color:#0b57a4}
.question-actions{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.question-actions button{padding:4px 10px}
textarea.json{font-family:ui-monospace,monospace;font-size:.85rem;width:100%;box-sizing:border-box}
ol.chat{list-style:none;margin:0 0 12px;padding:10px;background:#e9edf1;border-radius:6px;display:flex;flex-direction:column;gap:8px}
ol.chat li{display:flex;flex-direction:column;max-width:85%}
ol.chat li.me{align-self:flex-end;align-items:flex-end}
ol.chat .who{font-size:.75rem;color:#5b6570}
ol.chat .bubble{white-space:pre-line;overflow-wrap:anywhere;background:#fff;border-radius:8px;padding:6px 10px}
ol.chat li.me .bubble{background:#d8ecd9}
.chips{display:flex;flex-wrap:wrap;gap:4px;margin-top:4px}
.chip{font-size:.8rem;border:1px solid #b9c2cb;border-radius:12px;padding:1px 8px;color:#5b6570;background:#f7f8fa}
form.chat-buttons{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 10px}
form.chat-buttons button{padding:8px 14px;border:1px solid #0b57a4;background:#fff;color:#0b57a4;border-radius:16px;cursor:pointer}
form.chat-text{display:flex;gap:6px;margin:0 0 10px}
form.chat-text input{flex:1 1 auto;min-width:0;padding:7px}
form.restart{margin-top:4px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{header.top,footer,.no-print{display:none!important}body{background:#fff}main{max-width:none;padding:0}section.card{border:0}}
`.trim();
