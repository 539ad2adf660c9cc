// All of the widget's CSS, inside its shadow root: none of it reaches the host page, and the host page's
// rules reach in only through inheritance, which `:host { all: initial }` cuts. `!important` there because
// the host page's important declarations on the host element would otherwise win over ours.
export const css = `
:host { all: initial !important; }
[hidden] { display: none !important; }
.root {
  --accent: #2563eb; --accent-text: #fff; --text: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #fff; --soft: #f3f4f6;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text); letter-spacing: normal; text-align: left; text-transform: none; font-weight: 400;
  -webkit-font-smoothing: antialiased;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
button, input, textarea { margin: 0; font: inherit; color: inherit; letter-spacing: inherit; }
button { cursor: pointer; background: none; border: 0; padding: 0; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 58px; height: 58px; border-radius: 50%;
  background: var(--accent); color: var(--accent-text); display: grid; place-items: center;
  box-shadow: 0 6px 20px rgba(0,0,0,.22); transition: transform .15s ease;
}
.launcher:hover { transform: scale(1.06); }
.launcher svg { width: 26px; height: 26px; }
.badge {
  position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 5px; border-radius: 10px;
  background: #dc2626; color: #fff; font-size: 12px; font-weight: 700; line-height: 20px; text-align: center;
}

.panel {
  position: fixed; right: 20px; bottom: 92px; z-index: 2147483001; width: 376px; height: min(620px, calc(100vh - 112px));
  display: flex; flex-direction: column; background: var(--bg); border-radius: 16px; overflow: hidden;
  box-shadow: 0 12px 48px rgba(0,0,0,.22), 0 0 0 1px rgba(0,0,0,.04);
}
header { background: var(--accent); color: var(--accent-text); padding: 14px 14px 14px 18px; display: flex; align-items: center; gap: 10px; }
header .titles { flex: 1; min-width: 0; }
header h2 { margin: 0; font-size: 16px; font-weight: 650; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header p { margin: 2px 0 0; font-size: 12.5px; opacity: .9; display: flex; align-items: center; gap: 6px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #9ca3af; flex: none; }
.dot.on { background: #4ade80; box-shadow: 0 0 0 2px rgba(255,255,255,.35); }
.dot.wait { background: #fbbf24; }
header button { border-radius: 8px; padding: 6px; display: grid; place-items: center; }
header button:hover { background: rgba(255,255,255,.16); }
header .end { font-size: 12.5px; font-weight: 600; padding: 6px 10px; border: 1px solid rgba(255,255,255,.45); }

.body { flex: 1; overflow-y: auto; padding: 16px 14px 8px; display: flex; flex-direction: column; gap: 10px; background: #fafafa; overscroll-behavior: contain; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 12px; padding: 12px; display: grid; gap: 8px; }
.card h3 { margin: 0; font-size: 14px; font-weight: 650; }
.card p, .body > p { margin: 0; }
.muted { color: var(--muted); font-size: 12.5px; }
.search { position: relative; }
.search svg { position: absolute; left: 10px; top: 50%; transform: translateY(-50%); color: var(--muted); }
input, textarea {
  width: 100%; border: 1px solid var(--line); border-radius: 10px; padding: 9px 11px; background: var(--bg); outline: none;
}
input:focus, textarea:focus { border-color: var(--accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 18%, transparent); }
.search input { padding-left: 34px; }
.hits { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
.hits a { display: block; padding: 8px; border-radius: 8px; text-decoration: none; }
.hits a:hover, .hits a:focus-visible { background: var(--soft); }
.hits strong { display: block; color: var(--accent); font-weight: 600; }
.hits span { display: block; color: var(--muted); font-size: 12.5px; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
mark { background: #fef08a; color: inherit; border-radius: 2px; }

.log { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.msg { display: flex; gap: 8px; align-items: flex-end; max-width: 86%; }
.msg.visitor { align-self: flex-end; flex-direction: row-reverse; }
.msg.system { align-self: center; max-width: 100%; }
.msg.first { margin-top: 8px; }
.avatar {
  width: 28px; height: 28px; border-radius: 50%; flex: none; display: grid; place-items: center; overflow: hidden;
  background: #e0e7ff; color: #3730a3; font-size: 11px; font-weight: 700;
}
.avatar img { width: 100%; height: 100%; object-fit: cover; }
.spacer { width: 28px; flex: none; }
.stack { display: grid; gap: 2px; min-width: 0; }
.who { font-size: 12px; color: var(--muted); padding-left: 4px; }
.bubble { padding: 8px 12px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg); border: 1px solid var(--line); }
.agent .bubble { border-bottom-left-radius: 6px; }
.visitor .bubble { background: var(--accent); color: var(--accent-text); border-color: transparent; border-bottom-right-radius: 6px; }
.system .bubble { background: transparent; border: 0; color: var(--muted); font-size: 12.5px; text-align: center; }
.greeting .bubble { background: var(--bg); }
.pending .bubble { opacity: .6; }
.bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.meta { font-size: 11.5px; color: var(--muted); text-align: right; padding-right: 4px; }
.files { display: grid; gap: 4px; }
.files img { display: block; max-width: 220px; max-height: 220px; border-radius: 12px; border: 1px solid var(--line); }
.file { display: flex; gap: 6px; align-items: center; padding: 8px 10px; border-radius: 12px; background: var(--bg); border: 1px solid var(--line); text-decoration: none; }
.file span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.typing { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 12.5px; padding: 2px 0; }
.dots { display: inline-flex; gap: 3px; padding: 10px 12px; background: var(--bg); border: 1px solid var(--line); border-radius: 16px; }
.dots i { width: 6px; height: 6px; border-radius: 50%; background: #9ca3af; animation: blink 1.2s infinite both; }
.dots i:nth-child(2) { animation-delay: .2s; } .dots i:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }

.stars { display: flex; gap: 6px; }
.stars button { flex: 1; height: 40px; border-radius: 10px; border: 1px solid var(--line); font-size: 15px; font-weight: 650; background: var(--bg); }
.stars button[aria-pressed="true"] { background: var(--accent); color: var(--accent-text); border-color: var(--accent); }
.scale { display: flex; justify-content: space-between; }
.primary { background: var(--accent); color: var(--accent-text); border-radius: 10px; padding: 9px 14px; font-weight: 600; }
.primary:disabled { opacity: .5; cursor: default; }
.link { color: var(--accent); font-weight: 600; text-decoration: underline; }

.notice { margin: 0 12px 6px; padding: 8px 10px; border-radius: 10px; background: #fef3c7; color: #78350f; font-size: 12.5px; display: flex; gap: 8px; align-items: flex-start; }
.notice span { flex: 1; }
.notice.error { background: #fee2e2; color: #7f1d1d; }
.notice button { font-weight: 700; padding: 0 4px; }
.composer { border-top: 1px solid var(--line); padding: 10px; display: flex; align-items: flex-end; gap: 6px; background: var(--bg); }
.composer textarea { resize: none; border: 0; box-shadow: none; padding: 8px 4px; max-height: 120px; min-height: 38px; }
.composer textarea:focus { box-shadow: none; outline: none; }
.composer:focus-within { border-top-color: var(--accent); box-shadow: inset 0 1px 0 var(--accent); }
.icon-button { width: 38px; height: 38px; border-radius: 10px; display: grid; place-items: center; color: var(--muted); flex: none; }
.icon-button:hover { background: var(--soft); color: var(--text); }
.icon-button.send { color: var(--accent); }
.icon-button:disabled { opacity: .4; cursor: default; }
.prechat { margin: 0 12px 12px; }
label { display: grid; gap: 4px; font-size: 12.5px; font-weight: 600; color: var(--muted); }
.footer { font-size: 11px; color: var(--muted); text-align: center; padding: 0 0 8px; background: var(--bg); }

@media (max-width: 480px) {
  .panel { inset: 0; width: auto; height: auto; border-radius: 0; }
  .root.open .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) { .launcher, .dots i { transition: none; animation: none; } }
`;
