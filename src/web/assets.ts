import { createHash } from 'node:crypto';
import { ADMIN_CSS } from './admin/admin-css.js';

/**
 * The console's one stylesheet, served by the service (no CDN): system fonts (nothing to
 * download), readable on a 360-px phone and an old office PC, colours that print. Its URL
 * carries a hash of its text so it can be cached for a year and still change on deploy.
 */
export const APP_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d232a;background:#f4f5f7}
a{color:#0b57a4}
a:focus,button:focus,input:focus,select:focus{outline:2px solid #0b57a4;outline-offset:1px}
header.top{background:#a4161a;color:#fff}
header.top .bar{max-width:1180px;margin:0 auto;padding:8px 12px;display:flex;flex-wrap:wrap;align-items:center;gap:6px 16px}
header.top .brand{font-weight:700;color:#fff;text-decoration:none;margin-right:auto}
header.top nav{display:flex;flex-wrap:wrap;gap:4px 14px}
header.top nav a{color:#fff;text-decoration:none;padding:4px 0;border-bottom:2px solid transparent}
header.top nav a[aria-current=page]{border-bottom-color:#ffd166}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #fff8;border-radius:4px;padding:3px 10px;font:inherit;cursor:pointer}
main{max-width:1180px;margin:0 auto;padding:12px}
h1{font-size:1.35rem;margin:.4rem 0 .8rem}
h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
section.card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:10px 12px;margin:0 0 12px}
section.card>h2:first-child{margin-top:0}
.muted{color:#5b6570}
.small{font-size:.85rem}
.crumbs{font-size:.88rem;margin:.2rem 0 .4rem;color:#5b6570}
.crumbs a{color:#5b6570}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%}
th,td{padding:5px 8px;border-bottom:1px solid #e6e9ed;text-align:left;vertical-align:top}
th{font-weight:600;background:#f7f8fa;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
table.matrix td.cell{text-align:center;white-space:nowrap;min-width:4.6em}
table.matrix th.unit,table.matrix td.unit{position:sticky;left:0;background:#fff;min-width:9em;max-width:16em}
table.matrix th.unit{background:#f7f8fa}
.ok{background:#dff3e4;color:#14532d}
.warn{background:#fff3cd;color:#6b4e00}
.bad{background:#fde2e1;color:#8a1c1c}
.none{color:#9aa3ad}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:.85rem;margin:.4rem 0}
.legend span{padding:1px 8px;border-radius:3px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin:0;padding:0;list-style:none}
.stats li{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:8px 10px}
.stats b{display:block;font-size:1.3rem}
form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin:0 0 10px}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:#5b6570;max-width:100%;min-width:0}
input,select,button{font:inherit}
input,select{padding:5px 7px;border:1px solid #b8c0c8;border-radius:4px;background:#fff;color:inherit;max-width:100%}
button.primary{background:#a4161a;color:#fff;border:0;border-radius:4px;padding:7px 16px;cursor:pointer}
button.big{font-size:1.1rem;padding:10px 28px}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain li{padding:5px 0;border-bottom:1px solid #eef0f2}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px}
.gallery figure{margin:0}
.gallery img{width:100%;height:130px;object-fit:cover;border-radius:4px;background:#e6e9ed;display:block}
.gallery figcaption{font-size:.8rem;color:#5b6570}
.gallery .photo-tile{height:130px;border-radius:4px;border:1px dashed #b8c0c8;background:#f7f8fa;color:#8a1c1c;display:flex;align-items:center;justify-content:center;text-align:center;padding:8px;font-size:.9rem}
.chart{width:100%;min-width:520px;max-width:760px;height:auto;display:block}
.notice{background:#fff;border-left:4px solid #a4161a;padding:12px 14px;margin:18px 0;border-radius:4px}
.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:.82rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:0}
dl.facts dt{color:#5b6570}
dl.facts dd{margin:0}
.pager{display:flex;gap:14px;margin-top:8px}
.review-forms{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:flex-end}
.review-forms form{margin:0}
form.return{display:flex;flex-direction:column;gap:6px;flex:1 1 280px;max-width:640px}
form.return label{font-size:.85rem;color:#5b6570}
textarea{font:inherit;width:100%;padding:6px 8px;border:1px solid #b8c0c8;border-radius:4px;resize:vertical}
button.secondary{background:#fff;color:#a4161a;border:1px solid #a4161a;border-radius:4px;padding:7px 16px;cursor:pointer;align-self:flex-start}
.comment{white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f8fa;border-left:3px solid #b8c0c8;padding:6px 10px;margin:4px 0}
ol.history{margin:0;padding-left:1.4em}
ol.history li{padding:4px 0;border-bottom:1px solid #eef0f2}
table.queue td.pick input{margin:0 6px 0 0;vertical-align:middle}
.stack-label{display:none}
form.opening{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:flex-end;margin:0}
form.opening label{display:flex;flex-direction:column}
footer{max-width:1180px;margin:0 auto;padding:8px 12px 24px;color:#5b6570;font-size:.85rem}
@media (max-width:600px){body{font-size:14px}main{padding:8px}th,td{padding:4px 6px}h1{font-size:1.15rem}
table.stack thead{display:none}
table.stack tr{display:block;padding:6px 0;border-bottom:1px solid #e6e9ed}
table.stack td{display:inline;border:0;padding:0 8px 0 0;color:#5b6570;font-size:.9rem}
table.stack td:first-child{display:block;color:inherit;font-size:1rem}
table.cards thead{display:none}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{border:1px solid #e6e9ed;border-radius:6px;padding:6px 10px;margin:0 0 8px}
table.cards td{border:0;padding:1px 0;overflow-wrap:anywhere}
table.cards td:first-child{font-weight:600}
table.cards td[data-label]::before{content:attr(data-label) ": ";color:#5b6570;font-size:.88rem}
table.stack .stack-label{display:inline}}
`.trim() + '\n' + ADMIN_CSS;

/** The stylesheet's address, changing with its content. */
export const APP_CSS_PATH = `/static/app-${createHash('sha256').update(APP_CSS).digest('hex').slice(0, 10)}.css`;
