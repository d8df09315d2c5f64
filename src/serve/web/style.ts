/**
 * The one stylesheet of the web UI, served as /static/style.css (cached). Colours are CSS variables with a dark
 * scheme under prefers-color-scheme; every text/background pair meets WCAG AA (4.5:1); focus is always visible.
 */
export const STYLE =
  `:root{--bg:#fff;--fg:#1b1b1b;--muted:#565656;--line:#d9dce1;--card:#f7f8fa;--link:#0b57d0;--accent:#0b57d0;
--warn-bg:#fff4d6;--warn-fg:#6b4500;--mark:#ffe58a;--focus:#c2410c;--sea:#e8f0fa;--land:#d6dbe1;--hi:#fdae6b}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#e8e8e8;--muted:#adb3ba;--line:#343a42;--card:#1b1f24;--link:#8ab4f8;
--accent:#8ab4f8;--warn-bg:#3a2e0f;--warn-fg:#ffd98a;--mark:#6b5600;--focus:#fb923c;--sea:#16202c;--land:#3a424c}}
*{box-sizing:border-box}html{color-scheme:light dark}
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:var(--bg);color:var(--fg)}
a{color:var(--link)}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:var(--bg);padding:.3rem .6rem;z-index:9}
.top{border-bottom:1px solid var(--line);background:var(--card)}
.top nav{max-width:70rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none;color:var(--fg)}
.top form{margin-left:auto;display:flex;gap:.3rem;flex:1 1 14rem;max-width:24rem;min-width:0}
input,select,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--muted);border-radius:4px;padding:.3rem .5rem}
input[type=search]{flex:1;min-width:0;width:100%}button{cursor:pointer}
main{max-width:70rem;margin:0 auto;padding:1rem}
footer{max-width:70rem;margin:2rem auto 1rem;padding:0 1rem;color:var(--muted);font-size:.9rem}
h1{font-size:1.75rem;line-height:1.25;margin:.6rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem;padding-top:.4rem;border-top:1px solid var(--line)}
h3{font-size:1.05rem;margin:1rem 0 .3rem}li{margin:.3rem 0}
.muted,.meta{color:var(--muted)}.meta{font-size:.92rem}.cite{font-size:.82em;white-space:nowrap}.cite a{text-decoration:none;padding:0 .1rem}
.overview p{margin:.55rem 0;font-size:1.05rem}
.cards{list-style:none;padding:0;display:grid;gap:.9rem;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr))}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;margin:0;display:flex;flex-direction:column;gap:.35rem}
.card p{margin:0}.card .bar{margin-top:auto}.card h2{font-size:1.1rem;margin:0;padding:0;border:0;line-height:1.3}.card h2 a{text-decoration:none;` +
  `color:var(--fg)}.card h2 a:hover{text-decoration:underline}
.sum{margin:0;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.badge{display:inline-block;font-size:.8rem;font-weight:600;border-radius:999px;padding:.05rem .55rem;background:var(--warn-bg);color:var(--warn-fg)}
.bar{display:block;width:100%;height:6px;border-radius:3px;background:var(--line)}.bar .b0{fill:var(--accent)}.bar .b1{fill:#e07b00}.bar ` +
  `.b2{fill:#2e9d5b}.bar .b3{fill:#9b59b6}
.plain{list-style:none;padding:0}.globe path.land.c1{fill:#c6dbef}.globe path.land.c2{fill:#9ecae1}.globe path.land.c3{fill:#6baed6}.globe ` +
  `path.land.c4{fill:#3182bd}.globe path.land.c5{fill:#08519c}
.cc{font-family:ui-monospace,monospace;font-size:.85em}.topic{white-space:nowrap}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0 1rem}.filters label{display:flex;flex-direction:column;font-size:.85rem;` +
  `color:var(--muted)}
.pager{display:flex;gap:1rem;justify-content:space-between;margin:1.2rem 0}
.differ{display:grid;gap:.6rem;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));margin:.4rem 0}
.differ>div{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem;background:var(--card)}
.value{font-size:1.15rem;font-weight:600}.err{color:var(--warn-fg);background:var(--warn-bg);padding:0 .3rem;border-radius:3px;font-size:.85rem}
details>summary{cursor:pointer;color:var(--link)}blockquote{margin:.4rem 0;padding:.2rem .9rem;border-left:3px solid var(--line)}
.changes{background:var(--warn-bg);color:var(--fg);border-radius:6px;padding:.4rem 1rem;margin:1rem 0}
mark{background:var(--mark);color:var(--fg);padding:0 .1rem}.reader p{max-width:44rem}
.reader .passage{background:var(--mark);outline:2px solid var(--focus);outline-offset:3px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
.sources li{overflow-wrap:anywhere}.chips{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;padding:0}.chips li{margin:0}
.chips a,.chips span{display:inline-block;border:1px solid var(--line);border-radius:999px;padding:.05rem .6rem;text-decoration:none}
.globe-wrap{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start}.globe-wrap>ul,.globe-wrap>div:not(.globe){flex:1 1 20rem;min-width:0;margin-top:0}
.globe{width:min(100%,34rem);aspect-ratio:1;touch-action:none;cursor:grab;border-radius:50%}.globe.small{width:min(100%,18rem)}
.globe svg{width:100%;height:100%;display:block}.globe .sea{fill:var(--sea);stroke:var(--line)}
.globe path.land{fill:var(--land);stroke:var(--bg);stroke-width:.4}.globe a:hover path,.globe a:focus path{fill:var(--hi)}
.globe-help{font-size:.88rem;color:var(--muted)}
.takes{list-style:none;padding:0;display:grid;gap:.8rem;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr))}
.takes>li{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;background:var(--card);margin:0;overflow-wrap:anywhere}
.takes h4{margin:.2rem 0;font-size:1rem}.takes p{margin:.1rem 0}.takes ul{padding-left:1.1rem;margin:.3rem 0}
.flat{border:0;margin-top:0;padding-top:0}.cols{columns:14rem;column-gap:1.5rem}.cols li{break-inside:avoid}
@media (max-width:40rem){h1{font-size:1.4rem}.top form{margin-left:0;max-width:none;flex-basis:100%}main{padding:.7rem}}`;
