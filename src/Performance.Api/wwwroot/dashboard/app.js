// Cruscotto della performance: a read-only view over the public API, with a Viewer key.
// No dependencies, no inline script (the page's CSP allows only 'self'); charts are plain SVG drawn at the size of
// their box (text in CSS pixels, so it follows zoom) and every chart has its figures in a table next to it.
'use strict';

(() => {
  // ---- Italian formatting at the edge -------------------------------------------------------------------------
  const nf2 = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const nf0 = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
  const ND = 'n.d.';
  const missing = v => v === null || v === undefined;
  const num = v => (missing(v) ? ND : nf2.format(v));
  const pct = v => (missing(v) ? ND : nf2.format(v) + ' %');
  /** A figure in its unit's style: counts are whole numbers ("2", not "2,00") unless they really have a fraction. */
  const figure = (v, unit) => (missing(v) ? ND : unit === 'Count' && Number.isInteger(v) ? nf0.format(v) : nf2.format(v));
  const UNIT = { Percent: ' %', Days: ' gg', Euro: ' €', Hours: ' ore' };
  const withUnit = (v, unit) => (missing(v) ? ND : figure(v, unit) + (UNIT[unit] || ''));
  // Status in words and a shape, never by colour alone (the colours are also told apart by lightness).
  const STATUS = { Green: 'Raggiunto', Yellow: 'Parzialmente raggiunto', Red: 'Non raggiunto', Grey: 'Non disponibile' };
  const ICON = { Green: '✓', Yellow: '◐', Red: '✕', Grey: '–' };
  const STATUS_HELP = {
    Green: 'target raggiunto',
    Yellow: 'sotto il target ma entro la tolleranza del piano (di norma almeno il 90 %)',
    Red: 'sotto la tolleranza del piano',
    Grey: 'nessun consuntivo o nessun target per l\u2019anno',
  };
  // Monitoring during the year (period scorecard): the same colours and shapes, its own words.
  const MON = { InLinea: 'In linea', ARischio: 'A rischio', Critico: 'Critico' };
  const MON_AS = { InLinea: 'Green', ARischio: 'Yellow', Critico: 'Red' };
  const MON_HELP = {
    InLinea: 'il progressivo è in linea con l\u2019atteso a fine periodo',
    ARischio: 'sotto l\u2019atteso, entro la soglia del piano',
    Critico: 'molto sotto l\u2019atteso',
    Grey: 'nessun consuntivo o nessun atteso per il periodo',
  };
  const monitoringBadge = (status, attrs) => {
    const key = MON_AS[status] || 'Grey';
    // Its own class: the scoring badges keep their four words; these have their own legend.
    return h('span', { class: 'mon-badge ' + statusClass(key), ...attrs },
      h('span', { class: 'icon', 'aria-hidden': 'true', text: ICON[key] }), ' ' + (MON[status] || STATUS.Grey));
  };
  const MONITORING_PERIODS = ['S1', 'S2', 'T1', 'T2', 'T3', 'Q1', 'Q2', 'Q3', 'Q4',
    'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12'];
  const dateIt = new Intl.DateTimeFormat('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const dayLabel = iso => (iso ? dateIt.format(new Date(iso + 'T00:00:00Z')) : ND);
  const yesNo = v => (v === true ? 'sì' : v === false ? 'no' : ND);
  const statusKey = s => (STATUS[s] ? s : 'Grey');
  const statusClass = s => 's-' + statusKey(s).toLowerCase();
  const KIND = {
    Mission: 'Missione', StrategicArea: 'Area strategica', StrategicObjective: 'Obiettivo strategico',
    OperationalObjective: 'Obiettivo operativo', Action: 'Azione', Project: 'Progetto',
  };
  const STRUCTURE_KIND = { Central: 'Centrale', Territorial: 'Territoriale' };
  const ROMAN = ['I', 'II', 'III', 'IV'];
  const MONTHS = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];
  function periodLabel(year, period) {
    const i = parseInt(period.slice(1), 10);
    switch (period[0]) {
      case 'Y': return String(year);
      case 'S': return `${ROMAN[i - 1]} sem. ${year}`;
      case 'T': return `${ROMAN[i - 1]} quadr. ${year}`;
      case 'Q': return `${ROMAN[i - 1]} trim. ${year}`;
      case 'M': return `${MONTHS[i - 1]} ${year}`;
      default: return `${period} ${year}`;
    }
  }

  // ---- DOM helpers (text only: data never becomes markup) --------------------------------------------------------
  const $ = id => document.getElementById(id);
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k === 'on') for (const [evt, fn] of Object.entries(v)) el.addEventListener(evt, fn);
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
    return el;
  }
  const SVG = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) {
      if (k === 'text') el.textContent = v; else el.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c) el.append(c);
    return el;
  }
  const clear = el => { el.replaceChildren(); return el; };
  const srOnly = text => h('span', { class: 'sr-only', text });
  const statusBadge = (status, attrs) => h('span', { class: 'badge ' + statusClass(status), ...attrs },
    h('span', { class: 'icon', 'aria-hidden': 'true', text: ICON[statusKey(status)] }), ' ' + STATUS[statusKey(status)]);

  function announce(text) {
    // Cleared first so the same sentence twice is still read out.
    const a = $('announce');
    a.textContent = '';
    setTimeout(() => { a.textContent = text; }, 50);
  }

  // ---- tables scroll in their own box; a box that scrolls is a named, focusable region (keyboard scrolling) -------
  const boxObserver = new ResizeObserver(entries => entries.forEach(e => markScrollable(e.target.closest('.table-box'))));
  function markScrollable(box) {
    if (!box) return;
    const table = box.querySelector('table');
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', (table?.caption?.textContent || 'Tabella') + ' (scorre in orizzontale)');
    } else ['tabindex', 'role', 'aria-label'].forEach(a => box.removeAttribute(a));
  }
  function watchBox(box) {
    boxObserver.observe(box);
    const table = box.querySelector('table');
    if (table) boxObserver.observe(table);
    return box;
  }
  const tableBox = table => watchBox(h('div', { class: 'table-box' }, table));

  // ---- charts are redrawn at their box's width, in the box's font size ---------------------------------------------
  const charts = new Map();
  const chartObserver = new ResizeObserver(entries => {
    for (const e of entries) {
      const c = charts.get(e.target);
      if (c && Math.abs(c.width - e.target.clientWidth) > 1) c.draw();
    }
  });
  // Text zoom changes the font without changing any box's width: a 1em probe tells, and every chart is redrawn.
  let probeSize = 0;
  const probeObserver = new ResizeObserver(entries => {
    const size = entries[0].contentRect.width;
    if (probeSize && Math.abs(size - probeSize) > 0.1) charts.forEach(c => c.draw());
    probeSize = size;
  });
  function mountChart(box, draw) {
    const entry = {
      width: 0,
      draw() {
        entry.width = box.clientWidth;
        const font = parseFloat(getComputedStyle(box).fontSize) || 13;
        box.replaceChildren(draw(Math.max(entry.width || 600, 200), font));
      },
    };
    charts.set(box, entry);
    chartObserver.observe(box);
    entry.draw();
  }
  const textWidth = (text, font) => String(text).length * font * 0.58;
  const ellipsis = (text, chars) => (text.length > chars ? text.slice(0, Math.max(1, chars - 1)) + '…' : text);

  /** Ticks at 1, 2, 2.5 or 5 × 10ⁿ covering [min, max], about `count` of them; `whole` keeps steps ≥ 1. */
  function niceTicks(min, max, count, whole) {
    const span = max - min || Math.abs(max) || 1;
    const raw = span / Math.max(1, count);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    let step = [1, 2, 2.5, 5, 10].map(m => m * p).find(v => v >= raw) || 10 * p;
    if (whole) step = Math.max(1, Math.round(step));
    const first = Math.floor(min / step + 1e-9) * step, last = Math.ceil(max / step - 1e-9) * step;
    const decimals = Math.max(0, Math.min(4, -Math.floor(Math.log10(step) + 1e-9) + (step / p % 1 ? 1 : 0)));
    const format = new Intl.NumberFormat('it-IT', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    const ticks = [];
    for (let v = first, k = 0; v <= last + step / 2 && k < 50; v = first + ++k * step) ticks.push(Number(v.toFixed(10)));
    return { ticks, min: first, max: last, label: v => format.format(v) };
  }

  // ---- API access -----------------------------------------------------------------------------------------------
  const KEY_STORE = 'performance-dashboard-key';
  const state = { key: null, demoKey: null, plans: [], plan: null, year: null, indicator: null, scorecard: null, renderId: 0 };

  class ApiError extends Error { constructor(status, message) { super(message); this.status = status; } }
  async function api(path) {
    const res = await fetch(path, { headers: { 'X-Api-Key': state.key || '', Accept: 'application/json' } });
    if (!res.ok) {
      let detail = '';
      try { const p = await res.json(); detail = p.detail || p.title || ''; } catch { /* not JSON */ }
      const why = res.status === 401 ? 'chiave API mancante o non valida'
        : res.status === 403 ? 'la chiave non consente di leggere questi dati'
          : res.status === 429 ? 'troppe richieste, riprovare tra poco' : `errore ${res.status}`;
      throw new ApiError(res.status, `${why}${detail ? ': ' + detail : ''}`);
    }
    return res.json();
  }
  const enc = encodeURIComponent;
  // A plan is named by its code, or by ORG:CODE when organizations share the code (the service answers a shared bare code
  // with a 404 listing the ORG:CODE forms).
  const planName = p => state.plans.filter(q => q.code === p.code).length > 1 ? p.key : p.code;
  const findPlan = name => state.plans.find(p => planName(p) === name || p.key === name);
  const planPath = () => `/api/plans/${enc(planName(state.plan))}`;

  function message(text, isError) {
    const m = $('message');
    m.textContent = text || '';
    m.classList.toggle('error', !!isError);
  }

  // ---- URL state: #piano=...&anno=...&indicatore=... ------------------------------------------------------------
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    return { plan: p.get('piano'), year: p.get('anno') ? parseInt(p.get('anno'), 10) : null, indicator: p.get('indicatore') };
  }
  function writeHash() {
    const p = new URLSearchParams({ piano: planName(state.plan), anno: state.year });
    if (state.indicator) p.set('indicatore', state.indicator);
    history.replaceState(null, '', '#' + p.toString());
  }

  /** Runs fn once the user has stopped changing a selector for a moment: arrowing through options does not reload at each step. */
  function settle(fn, ms) {
    let timer = null;
    return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // ---- start ------------------------------------------------------------------------------------------------------
  async function start() {
    try {
      const config = await (await fetch('config.json')).json();
      state.demoKey = config.apiKey || null;
    } catch { state.demoKey = null; }
    state.key = sessionStorage.getItem(KEY_STORE) || state.demoKey;
    $('key-form').addEventListener('submit', e => {
      e.preventDefault();
      const k = $('key').value.trim();
      if (!k) return;
      sessionStorage.setItem(KEY_STORE, k);
      state.key = k;
      $('key').value = '';
      loadPlans();
    });
    $('key-reset').addEventListener('click', () => { sessionStorage.removeItem(KEY_STORE); state.key = state.demoKey; loadPlans(); });

    // Selectors change the view in place and keep the focus where it is; the change waits until the choice settles.
    const applyPlan = () => { if (state.plan && $('plan').value !== planName(state.plan)) selectPlan($('plan').value, null); };
    const applyYear = () => {
      const y = parseInt($('year').value, 10);
      if (y !== state.year) { state.year = y; writeHash(); render(); }
    };
    $('plan').addEventListener('change', settle(applyPlan, 500));
    $('year').addEventListener('change', settle(applyYear, 500));
    $('selectors').addEventListener('submit', e => { e.preventDefault(); applyPlan(); applyYear(); });
    $('trend-indicator').addEventListener('change', settle(() => {
      if ($('trend-indicator').value !== state.indicator) showTrend($('trend-indicator').value);
    }, 400));
    $('trend-form').addEventListener('submit', e => { e.preventDefault(); showTrend($('trend-indicator').value); });
    const periods = $('monitoring-period');
    for (const p of MONITORING_PERIODS) periods.append(h('option', { value: p, text: periodName(p) }));
    periods.value = 'S1';
    $('monitoring-period').addEventListener('change', settle(() => renderMonitoring(), 400));
    $('monitoring-form').addEventListener('submit', e => { e.preventDefault(); renderMonitoring(); });
    $('due-form').addEventListener('submit', e => { e.preventDefault(); renderDue($('due-asof').value || defaultAsOf()); });
    $('expand-all').addEventListener('click', () => setAll(true));
    $('collapse-all').addEventListener('click', () => setAll(false));
    for (const a of document.querySelectorAll('a[data-skip]')) {
      // The address keeps the plan and year: skip links move the focus without touching it.
      a.addEventListener('click', e => {
        const target = $(a.dataset.skip);
        if (!target || target.closest('[hidden]')) return;
        e.preventDefault();
        target.focus();
      });
    }
    // A plan, year or indicator typed or pasted in the address bar is applied at once.
    window.addEventListener('hashchange', () => {
      const wanted = readHash();
      if (!wanted.plan || !findPlan(wanted.plan)) return;
      if (!state.plan || findPlan(wanted.plan) !== state.plan || (wanted.year && wanted.year !== state.year)) selectPlan(wanted.plan, wanted);
      else if (wanted.indicator && wanted.indicator !== state.indicator) showTrend(wanted.indicator);
    });
    document.querySelectorAll('.table-box').forEach(watchBox);
    probeObserver.observe($('em-probe'));
    renderLegends();
    await loadPlans();
  }

  function renderLegends() {
    const item = k => h('li', {}, statusBadge(k), ` ${STATUS_HELP[k]}`);
    clear($('status-legend')).append(...['Green', 'Yellow', 'Red', 'Grey'].map(item));
    clear($('monitoring-legend')).append(...['InLinea', 'ARischio', 'Critico', null].map(k =>
      h('li', {}, monitoringBadge(k), ` ${MON_HELP[k || 'Grey']}`)));
    clear($('lgg-legend')).append(
      h('li', {}, statusBadge('Green'), ' attuazione del 100 % o più'),
      h('li', {}, statusBadge('Yellow'), ' dal 90 % a meno del 100 %'),
      h('li', {}, statusBadge('Red'), ' meno del 90 %'),
      h('li', {}, h('span', { class: 'swatch swatch-ref', 'aria-hidden': 'true' }), ' linea tratteggiata: 100 %'));
  }

  async function loadPlans() {
    if (!state.key) {
      message('Inserire una chiave API (ruolo Viewer) in «Chiave API» per vedere i dati.');
      document.querySelector('details.key').open = true;
      document.body.dataset.state = 'no-key';
      return;
    }
    try {
      state.plans = await api('/api/plans');
    } catch (e) {
      message('Impossibile leggere i piani: ' + e.message, true);
      document.body.dataset.state = 'error';
      return;
    }
    if (state.plans.length === 0) { message('Nessun piano disponibile per questa chiave.'); return; }
    const sel = clear($('plan'));
    for (const p of state.plans) sel.append(h('option', { value: planName(p), text: `${p.code} – ${p.organization}` }));
    const wanted = readHash();
    await selectPlan(wanted.plan && findPlan(wanted.plan) ? wanted.plan : planName(state.plans[0]), wanted);
  }

  async function selectPlan(name, wanted) {
    state.plan = findPlan(name);
    $('plan').value = planName(state.plan);
    const years = clear($('year'));
    for (let y = state.plan.startYear; y <= state.plan.endYear; y++) years.append(h('option', { value: y, text: String(y) }));
    state.year = wanted && wanted.year >= state.plan.startYear && wanted.year <= state.plan.endYear ? wanted.year : state.plan.startYear;
    state.indicator = wanted ? wanted.indicator : null;
    years.value = String(state.year);
    writeHash();
    await render();
  }

  // ---- the page for one plan and year ----------------------------------------------------------------------------
  async function render() {
    // A later choice wins: answers for a plan or year left behind meanwhile are dropped.
    const id = ++state.renderId;
    const plan = state.plan, year = state.year;
    const body = document.body;
    body.dataset.state = 'loading';
    message('Caricamento…');
    const q = `?year=${year}`;
    const [scorecard, pv, lgg, ranking, yearState] = await Promise.allSettled([
      api(`${planPath()}/scorecard${q}`), api(`${planPath()}/public-value${q}`), api(`${planPath()}/guidelines${q}`),
      api(`${planPath()}/structures/ranking${q}`), api(`${planPath()}/years/${year}`),
    ]);
    if (id !== state.renderId) return;
    if (scorecard.status === 'rejected') {
      message('Impossibile leggere il piano: ' + scorecard.reason.message, true);
      body.dataset.state = 'error';
      return;
    }
    const failures = [pv, lgg, ranking, yearState].filter(r => r.status === 'rejected').map(r => r.reason.message);
    message(failures.length ? 'Alcuni dati non sono disponibili: ' + [...new Set(failures)].join('; ') : '', failures.length > 0);
    state.scorecard = scorecard.value;

    $('views').hidden = false;
    renderSummary(scorecard.value, pv.value, yearState.value);
    renderTree(scorecard.value);
    renderPublicValue(pv.value);
    renderGuidelines(lgg.value);
    renderRanking(ranking.value);
    body.dataset.plan = planName(plan);
    body.dataset.year = String(year);
    await renderTrendSelector(scorecard.value);
    resetDue();
    await renderMonitoring();
    if (id !== state.renderId) return;
    body.dataset.state = 'ready';
    announce(`Dati aggiornati: ${plan.title}, anno ${year}.`);
  }

  function renderSummary(sc, pv, ys) {
    $('plan-title').textContent = `${state.plan.title} – anno ${state.year}`;
    $('plan-org').textContent = `${state.plan.organization} · piano ${state.plan.code} (${state.plan.startYear}–${state.plan.endYear})`;
    $('plan-score').textContent = num(sc.score);
    $('plan-status').replaceWith(statusBadge(sc.status, { id: 'plan-status' }));
    $('vp-institute').textContent = pv && !missing(pv.institute) ? num(pv.institute) : ND;
    if (ys) {
      const c = ys.currentConsuntivi || {};
      const total = Object.values(c).reduce((a, b) => a + b, 0);
      $('year-state').textContent = `${nf0.format(total)} · ${ys.validated ? 'anno validato dall\u2019OIV' : 'non ancora validato'}`;
    } else $('year-state').textContent = ND;
  }

  // ---- albero della performance ------------------------------------------------------------------------------------
  let nodeSeq = 0;
  function renderTree(sc) {
    nodeSeq = 0;
    const tree = clear($('tree'));
    tree.setAttribute('aria-label', 'Albero della performance');
    if (!sc.nodes.length) { tree.append(h('li', { class: 'empty', text: 'Nessun obiettivo per questo anno.' })); return; }
    for (const n of sc.nodes) tree.append(nodeItem(n));
  }

  function nodeItem(n) {
    const id = 'node-' + (++nodeSeq);
    const hasContent = n.children.length > 0 || n.indicators.length > 0;
    const toggle = hasContent
      ? h('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': id, 'aria-label': `Espandi ${n.code}` })
      : h('span', { class: 'toggle-spacer' });
    const row = h('div', { class: 'node-row' },
      toggle,
      h('span', { class: 'node-code', text: n.code }),
      h('span', { class: 'node-title', text: n.title }),
      h('span', { class: 'node-kind', text: KIND[n.kind] || n.kind }),
      h('span', { class: 'node-score' }, srOnly('punteggio '), h('span', { 'data-field': 'node-score', text: num(n.score) })),
      statusBadge(n.status, { 'data-field': 'node-status' }));
    const li = h('li', { 'data-code': n.code, 'data-kind': n.kind }, row);
    if (hasContent) {
      const panel = h('div', { id, hidden: true });
      let filled = false;
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        if (open && !filled) { fillNode(panel, n); filled = true; }
        toggle.setAttribute('aria-expanded', String(open));
        toggle.setAttribute('aria-label', `${open ? 'Comprimi' : 'Espandi'} ${n.code}`);
        panel.hidden = !open;
      });
      li.append(panel);
    }
    return li;
  }

  function fillNode(panel, n) {
    if (n.indicators.length) panel.append(indicatorTable(n));
    if (n.children.length) panel.append(h('ul', {}, n.children.map(nodeItem)));
  }

  function indicatorTable(n) {
    return tableBox(h('table', { class: 'data indicators' },
      h('caption', { class: 'sr-only', text: `Indicatori di ${n.code}` }),
      h('thead', {}, h('tr', {},
        ['Indicatore', 'Target', 'Consuntivo', 'Raggiungimento', 'Punteggio', 'Stato', 'Andamento'].map((t, i) =>
          h('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : null, text: t })))),
      h('tbody', {}, n.indicators.map(i => h('tr', { 'data-indicator': i.code },
        h('th', { scope: 'row', class: 'indicator-name' }, h('span', { class: 'node-code', text: i.code }), ' ', i.name),
        h('td', { 'data-field': 'target', text: i.target || ND }),
        h('td', { class: 'num', 'data-field': 'actual', text: withUnit(i.actual, i.unit) }),
        h('td', { class: 'num', 'data-field': 'achievement', text: pct(i.achievement) }),
        h('td', { class: 'num', 'data-field': 'score', text: num(i.score) }),
        h('td', {}, statusBadge(i.status)),
        h('td', {}, h('button', {
          type: 'button', class: 'link', 'data-trend': i.code,
          on: { click: e => showTrend(i.code, { from: e.currentTarget }) },
        }, 'Andamento', srOnly(` di ${i.code}`))))))));
  }

  function setAll(open) {
    // Expanding fills panels lazily: click closed toggles until none is left (children appear as parents open).
    for (let guard = 0; guard < 50; guard++) {
      const toggles = [...document.querySelectorAll(`#tree .toggle[aria-expanded="${!open}"]`)]
        .filter(t => !t.closest('[hidden]'));
      if (!toggles.length) break;
      toggles.forEach(t => t.click());
      if (!open) break;
    }
    announce(open ? 'Albero espanso.' : 'Albero compresso.');
  }

  // ---- bar charts ---------------------------------------------------------------------------------------------------
  function barStatus(v) {
    if (missing(v)) return 'Grey';
    return v >= 100 ? 'Green' : v >= 90 ? 'Yellow' : 'Red';
  }

  /**
   * Horizontal bars at the box's width: rows of { key, label, value, status? }; a dashed reference line at 100. Labels
   * sit beside the bars when there is room and above them otherwise; the full labels are in the table under the chart.
   */
  function barChart(rows, name) {
    return (W, f) => {
      const above = W < 36 * f;
      const withStatus = rows.some(r => r.status);
      const valueW = (withStatus ? 7 : 5.5) * f;
      const labelW = above ? 0 : Math.min(W * 0.42, textWidth('x'.repeat(48), f));
      const barH = 1.2 * f, rowH = above ? 1.4 * f + barH + 0.7 * f : Math.max(barH + 0.9 * f, 1.9 * f);
      const top = 0.4 * f, bottom = 1.8 * f;
      const x0 = above ? 0 : labelW + 0.6 * f, x1 = W - valueW;
      const scale = niceTicks(0, Math.max(100, ...rows.map(r => r.value || 0)), Math.max(2, Math.floor((x1 - x0) / (4 * f))));
      const x = v => x0 + (v / scale.max) * (x1 - x0);
      const H = top + rows.length * rowH + bottom;
      const svg = s('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': name });
      for (const t of scale.ticks) {
        svg.append(s('line', { class: 'grid-line', x1: x(t), x2: x(t), y1: top, y2: H - bottom }),
          s('text', { x: x(t), y: H - 0.4 * f, 'text-anchor': 'middle', class: 'label-muted', text: scale.label(t) }));
      }
      svg.append(s('line', { class: 'ref', x1: x(100), x2: x(100), y1: top, y2: H - bottom }));
      const chars = Math.floor((above ? W : labelW - 0.4 * f) / (f * 0.58));
      rows.forEach((r, i) => {
        const y = top + i * rowH;
        const barY = above ? y + 1.4 * f : y + (rowH - barH) / 2;
        const mid = barY + barH / 2 + 0.35 * f;
        const status = r.status || null;
        const g = s('g', { 'data-key': r.key, 'data-value': missing(r.value) ? '' : String(r.value) },
          s('title', { text: `${r.label}: ${num(r.value)}${status ? ' – ' + STATUS[status] : ''}` }),
          above
            ? s('text', { x: 0, y: y + 1.05 * f, class: 'bar-label', text: ellipsis(r.label, chars) })
            : s('text', { x: labelW, y: mid, 'text-anchor': 'end', class: 'bar-label', text: ellipsis(r.label, chars) }),
          s('rect', { class: status ? 'bar-' + status.toLowerCase() : 'bar-accent', x: x0, y: barY, height: barH, width: Math.max(0, x(r.value || 0) - x0) }));
        let vx = x(r.value || 0) + 0.4 * f;
        if (status) { g.append(s('text', { x: vx, y: mid, class: 'bar-icon', text: ICON[status] })); vx += 1.3 * f; }
        g.append(s('text', { x: vx, y: mid, class: 'bar-value', text: num(r.value) }));
        svg.append(g);
      });
      return svg;
    };
  }

  /** "Ambito A 98,00; …": the accessible name tells the range, the table tells everything. */
  function barSummary(title, rows, tableName) {
    const known = rows.filter(r => !missing(r.value));
    if (!known.length) return `${title}: nessun valore calcolato.`;
    const lo = known.reduce((a, b) => (b.value < a.value ? b : a)), hi = known.reduce((a, b) => (b.value > a.value ? b : a));
    return `${title}: ${rows.length} barre, dal minimo ${num(lo.value)} (${lo.label}) al massimo ${num(hi.value)} (${hi.label}). ` +
      `Tutti i valori nella tabella «${tableName}».`;
  }

  function dataTable(caption, head, rows, attrs) {
    return tableBox(h('table', { class: 'data', ...attrs },
      h('caption', { text: caption }),
      h('thead', {}, h('tr', {}, head.map(([t, cls]) => h('th', { scope: 'col', class: cls || null, text: t })))),
      h('tbody', {}, rows)));
  }

  function renderPublicValue(pv) {
    const chart = clear($('vp-chart'));
    const data = clear($('vp-data'));
    const list = clear($('vp-structures'));
    charts.delete(chart);
    if (!pv || !pv.areas || pv.areas.length === 0) {
      chart.append(h('p', { class: 'empty', text: 'Questo piano non definisce ambiti di Valore Pubblico: il Valore Pubblico per ambito e per struttura non si calcola.' }));
      chart.dataset.areas = '0';
      $('vp-structures-part').hidden = true;
      return;
    }
    $('vp-structures-part').hidden = false;
    chart.dataset.areas = String(pv.areas.length);
    const rows = pv.areas.map(a => ({ key: a.code, label: a.name || a.code, value: a.institute ? a.institute.score : null }));
    const tableName = 'Valore Pubblico per ambito: dati del grafico';
    const figureBox = h('div', { class: 'chart-figure' });
    chart.append(h('p', {}, 'Valore Pubblico dell\u2019ente: ', h('strong', { 'data-field': 'vp-institute-chart', text: num(pv.institute) }),
      ` · strutture centrali ${num(pv.central)} · strutture territoriali ${num(pv.territorial)}`), figureBox);
    mountChart(figureBox, barChart(rows, barSummary('Valore Pubblico per ambito (ente)', rows, tableName)));
    data.append(dataTable(tableName,
      [['Ambito'], ['Peso', 'num'], ['Strutture centrali', 'num'], ['Strutture territoriali', 'num'], ['Ente', 'num']],
      pv.areas.map(a => h('tr', { 'data-area': a.code },
        h('th', { scope: 'row' }, a.name || a.code, h('span', { class: 'muted', text: ` (${a.code})` })),
        h('td', { class: 'num', text: num(a.weight) }),
        h('td', { class: 'num', text: num(a.central && a.central.score) }),
        h('td', { class: 'num', text: num(a.territorial && a.territorial.score) }),
        h('td', { class: 'num', 'data-field': 'area-value', text: num(a.institute && a.institute.score) })))));
    const ranked = pv.structures.filter(x => x.included && !missing(x.value)).sort((a, b) => b.value - a.value);
    for (const st of ranked) {
      list.append(h('li', { 'data-structure': st.code },
        h('span', { class: 'val', text: num(st.value) }), ' ', st.name, h('span', { class: 'muted', text: ` (${STRUCTURE_KIND[st.kind] || st.kind})` })));
    }
    const excluded = pv.structures.length - ranked.length;
    if (excluded > 0) list.append(h('li', { class: 'muted', text: `${excluded} strutture senza Valore Pubblico calcolato (escluse)` }));
    if (!ranked.length) list.append(h('li', { class: 'empty', text: 'Nessuna struttura con Valore Pubblico calcolato.' }));
  }

  function renderGuidelines(lgg) {
    const chart = clear($('lgg-chart'));
    const data = clear($('lgg-data'));
    const notes = clear($('lgg-notes'));
    charts.delete(chart);
    $('lgg-legend').hidden = !lgg || lgg.length === 0;
    if (!lgg || lgg.length === 0) {
      chart.append(h('p', { class: 'empty', text: 'Nessuna Linea Guida Gestionale in questo piano.' }));
      chart.dataset.count = '0';
      return;
    }
    chart.dataset.count = String(lgg.length);
    const rows = lgg.map(g => ({ key: 'LGG-' + g.number, label: `LGG ${g.number} (${g.kind}) ${g.title}`, value: g.attuazione, status: barStatus(g.attuazione) }));
    const tableName = 'Attuazione delle Linee Guida Gestionali: dati del grafico (OSP: obiettivo specifico; OGE: obiettivo generale)';
    mountChart(chart, barChart(rows, barSummary('Attuazione delle Linee Guida Gestionali (%)', rows, tableName)));
    data.append(dataTable(tableName,
      [['N.', 'num'], ['Linea guida'], ['Tipo'], ['Attuazione', 'num'], ['Stato'], ['Risultato OGE', 'num']],
      lgg.map(g => h('tr', { 'data-lgg': g.number },
        h('td', { class: 'num', text: String(g.number) }),
        h('th', { scope: 'row', text: g.title }),
        h('td', { text: g.kind }),
        h('td', { class: 'num', 'data-field': 'attuazione', text: pct(g.attuazione) }),
        h('td', {}, statusBadge(barStatus(g.attuazione))),
        h('td', { class: 'num', text: g.kind === 'OGE' ? num(g.result) : '–' })))));
    for (const g of lgg) {
      const parts = [];
      if (g.kind === 'OGE' && !missing(g.result)) parts.push(`risultato OGE ${num(g.result)}`);
      if (g.justification) parts.push(`motivazione: ${g.justification}`);
      else if (g.justificationMissing) parts.push('motivazione richiesta ma non presente');
      if (parts.length) notes.append(h('li', { 'data-lgg': g.number }, h('strong', { text: `LGG ${g.number} – attuazione ${pct(g.attuazione)}: ` }), parts.join('; ')));
    }
  }

  function renderRanking(rows) {
    const body = clear(document.querySelector('#structures tbody'));
    const rest = clear($('structures-unranked'));
    if (!rows || rows.length === 0) { body.append(h('tr', {}, h('td', { colspan: 6, class: 'empty', text: 'Nessuna struttura.' }))); return; }
    // Structures without a scored indicator this year have no place in a ranking: named apart, not listed as "n.d.".
    const scored = rows.filter(r => !missing(r.score)), unscored = rows.filter(r => missing(r.score));
    if (!scored.length) body.append(h('tr', {}, h('td', { colspan: 6, class: 'empty', text: `Nessuna struttura ha indicatori valutati nel ${state.year}.` })));
    for (const r of scored) {
      body.append(h('tr', { 'data-structure': r.code },
        h('td', { class: 'num', text: r.rank === null ? '–' : `${r.rank}°` }),
        h('th', { scope: 'row' }, r.name, h('span', { class: 'muted', text: ` (${r.code})` })),
        h('td', { text: `${STRUCTURE_KIND[r.kind] || r.kind}${r.type ? ' · ' + r.type : ''}` }),
        h('td', { class: 'num', 'data-field': 'score', text: num(r.score) }),
        h('td', {}, statusBadge(r.status)),
        h('td', { class: 'num', text: nf0.format(r.scoredIndicators) })));
    }
    if (unscored.length) {
      rest.append(h('details', { class: 'unranked' },
        h('summary', { text: `${nf0.format(unscored.length)} strutture senza indicatori valutati nel ${state.year} (non in classifica)` }),
        h('ul', {}, unscored.map(r => h('li', { 'data-structure': r.code }, r.name, h('span', { class: 'muted', text: ` (${r.code})` }))))));
    }
  }

  // ---- monitoraggio: the period scorecard and the overdue consuntivi ------------------------------------------------
  /** "I semestre", "marzo": a period of the year in words (the year is the page's). */
  function periodName(p) {
    const i = parseInt(p.slice(1), 10);
    switch (p[0]) {
      case 'S': return `${ROMAN[i - 1]} semestre`;
      case 'T': return `${ROMAN[i - 1]} quadrimestre`;
      case 'Q': return `${ROMAN[i - 1]} trimestre`;
      default: return new Intl.DateTimeFormat('it-IT', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, i - 1, 1)));
    }
  }

  let monitoringId = 0;
  async function renderMonitoring() {
    const id = ++monitoringId;
    const period = $('monitoring-period').value || 'S1';
    const section = $('monitoring-section');
    section.dataset.state = 'loading';
    const body = clear(document.querySelector('#monitoring-table tbody'));
    const summary = $('monitoring-summary');
    let sc;
    try {
      sc = await api(`${planPath()}/scorecard?period=${enc(period)}&year=${state.year}`);
    } catch (e) {
      if (id !== monitoringId) return;
      summary.textContent = 'Monitoraggio non disponibile: ' + e.message;
      section.dataset.state = 'error';
      return;
    }
    if (id !== monitoringId) return;
    const label = `${periodName(period)} ${state.year}`;
    $('monitoring-caption').textContent = `Monitoraggio al ${label}: progressivo, atteso, avanzamento, stato e previsione di fine anno per indicatore`;
    const indicators = allIndicators(sc.nodes);
    const count = k => indicators.filter(i => i.monitoringStatus === k).length;
    summary.replaceChildren(`Piano al ${label}: avanzamento `, h('strong', { 'data-field': 'monitoring-progress', text: pct(sc.progress) }), ' ',
      monitoringBadge(sc.monitoringStatus, { 'data-field': 'monitoring-status' }),
      ` · indicatori in linea ${nf0.format(count('InLinea'))}, a rischio ${nf0.format(count('ARischio'))}, critici ${nf0.format(count('Critico'))}.`);
    if (!indicators.length) body.append(h('tr', {}, h('td', { colspan: 8, class: 'empty', text: 'Nessun indicatore per questo anno.' })));
    for (const i of indicators) {
      body.append(h('tr', { 'data-indicator': i.code },
        h('th', { scope: 'row' }, h('span', { class: 'node-code', text: i.code }), ' ', i.name),
        h('td', { text: i.target || ND }),
        h('td', { class: 'num', 'data-field': 'year-to-date', text: withUnit(i.yearToDate, i.unit) }),
        h('td', { class: 'num', 'data-field': 'expected', text: withUnit(i.expected, i.unit) }),
        h('td', { class: 'num', 'data-field': 'progress', text: pct(i.progress) }),
        h('td', {}, monitoringBadge(i.monitoringStatus, { 'data-field': 'monitoring-status' })),
        h('td', { class: 'num', 'data-field': 'forecast', text: withUnit(i.forecast, i.unit) }),
        h('td', { 'data-field': 'reachable', text: yesNo(i.reachable) })));
    }
    section.dataset.period = period;
    section.dataset.state = 'ready';
  }

  /** The overdue list is read at today's date by default (what is late now), or at the date chosen. */
  const defaultAsOf = () => new Date().toISOString().slice(0, 10);
  const MAX_DUE_ROWS = 200;

  /**
   * The overdue list is read on request: /due is the offices' (every role but Viewer), so the page asks for it only when
   * someone who may read it presses «Mostra», and a new plan or year starts from an empty list.
   */
  function resetDue() {
    ++dueId;
    const part = $('due-table');
    part.dataset.state = 'idle';
    if (!$('due-asof').value) $('due-asof').value = defaultAsOf();
    $('due-caption').textContent = `Consuntivi del ${state.year} in ritardo`;
    $('due-summary').textContent = 'Scegliere la data e premere «Mostra». L\u2019elenco è riservato agli uffici: serve una chiave di ruolo ' +
      'Controllo di gestione, Referente, OIV o Admin (in «Chiave API»).';
    clear(part.querySelector('tbody')).append(h('tr', {}, h('td', { colspan: 6, class: 'empty', text: 'Elenco non ancora richiesto.' })));
  }

  let dueId = 0;
  async function renderDue(asOf) {
    const id = ++dueId;
    const part = $('due-table');
    part.dataset.state = 'loading';
    $('due-asof').value = asOf;
    const body = clear(part.querySelector('tbody'));
    const summary = $('due-summary');
    let due;
    try {
      due = await api(`${planPath()}/due?asOf=${enc(asOf)}`);
    } catch (e) {
      if (id !== dueId) return;
      summary.textContent = e.status === 403
        ? 'L\u2019elenco dei consuntivi in ritardo è riservato agli uffici: con una chiave di ruolo Controllo di gestione, Referente, OIV o Admin (in «Chiave API») compare qui.'
        : 'Elenco dei consuntivi in ritardo non disponibile: ' + e.message;
      body.append(h('tr', {}, h('td', { colspan: 6, class: 'empty', text: 'Nessun dato.' })));
      part.dataset.state = e.status === 403 ? 'forbidden' : 'error';
      return;
    }
    if (id !== dueId) return;
    summary.replaceChildren(`Al ${dayLabel(due.asOf)}: `, h('strong', { 'data-field': 'overdue', text: nf0.format(due.overdue) }),
      ` consuntivi in ritardo, ${nf0.format(due.due)} in scadenza, ${nf0.format(due.stale)} indicatori non aggiornati ` +
      `(termine: ${nf0.format(due.entryDays)} giorni dalla fine del periodo).`);
    // The plan year on the page; the summary above counts every year.
    const late = due.structures.flatMap(g => g.items.filter(i => i.state === 'Overdue' && i.year === state.year).map(i => ({ group: g, item: i })));
    $('due-caption').textContent = `Consuntivi del ${state.year} in ritardo al ${dayLabel(due.asOf)}, per struttura`;
    if (!late.length) body.append(h('tr', {}, h('td', { colspan: 6, class: 'empty', text: `Nessun consuntivo del ${state.year} in ritardo.` })));
    if (late.length > MAX_DUE_ROWS) {
      summary.append(` Qui i primi ${nf0.format(MAX_DUE_ROWS)} di ${nf0.format(late.length)} del ${state.year}; l\u2019elenco completo è in GET …/due.`);
    }
    for (const { group, item } of late.slice(0, MAX_DUE_ROWS)) {
      body.append(h('tr', { 'data-indicator': item.indicator, 'data-period': `${item.year}-${item.period}` },
        h('td', { text: group.key ? `${group.name || group.key} (${group.key})` : 'Nessuna struttura' }),
        h('th', { scope: 'row' }, h('span', { class: 'node-code', text: item.indicator }), ' ', item.name),
        h('td', { text: periodLabel(item.year, item.period) }),
        h('td', { text: dayLabel(item.dueDate) }),
        h('td', { class: 'num', 'data-field': 'days-late', text: nf0.format(item.daysLate) }),
        h('td', { text: item.responsible || ND })));
    }
    part.dataset.state = 'ready';
  }

  // ---- andamento -----------------------------------------------------------------------------------------------------
  function allIndicators(nodes, out = []) {
    for (const n of nodes) { out.push(...n.indicators); allIndicators(n.children, out); }
    return out;
  }

  async function renderTrendSelector(sc) {
    const indicators = allIndicators(sc.nodes);
    const sel = clear($('trend-indicator'));
    for (const i of indicators) sel.append(h('option', { value: i.code, text: `${i.code} – ${i.name.length > 70 ? i.name.slice(0, 69) + '…' : i.name}` }));
    if (!indicators.length) { clear($('trend-chart')).append(h('p', { class: 'empty', text: 'Nessun indicatore.' })); return; }
    const wanted = indicators.find(i => i.code === state.indicator)
      || indicators.find(i => !missing(i.actual) && /\d/.test(i.target || '')) || indicators[0];
    await showTrend(wanted.code);
  }

  let trendId = 0;
  /** Shows an indicator's trend; from an "Andamento" button, the focus moves to the chart's heading and back on request. */
  async function showTrend(code, options) {
    const from = options && options.from;
    const id = ++trendId;
    state.indicator = code;
    $('trend-indicator').value = code;
    writeHash();
    const chart = clear($('trend-chart'));
    charts.delete(chart);
    chart.dataset.state = 'loading';
    const tbody = clear(document.querySelector('#trend-table tbody'));
    const heading = $('trend-heading');
    heading.textContent = `Andamento di ${code}`;
    let trend;
    try {
      trend = await api(`/api/indicators/${enc(planName(state.plan))}:${enc(code)}/trend`);
    } catch (e) {
      if (id !== trendId) return;
      chart.append(h('p', { class: 'empty', text: 'Andamento non disponibile: ' + e.message }));
      chart.dataset.state = 'error';
      if (from) { heading.focus(); announce(`Andamento di ${code} non disponibile.`); }
      return;
    }
    if (id !== trendId) return;
    heading.textContent = `Andamento di ${trend.indicator} – ${trend.name}`;
    $('trend-caption').textContent = `Valori del grafico: andamento di ${trend.indicator}`;
    for (const p of trend.points) {
      tbody.append(h('tr', { 'data-period': `${p.year}-${p.period}` },
        h('th', { scope: 'row', text: periodLabel(p.year, p.period) + (p.period === 'Y' ? ' (anno)' : ' (progressivo)') }),
        h('td', { text: p.targetText || ND }),
        h('td', { class: 'num', text: withUnit(p.actual, trend.unit) }),
        h('td', { class: 'num', text: pct(p.achievement) }),
        h('td', {}, statusBadge(p.status))));
    }
    mountChart(chart, lineChart(trend));
    chart.dataset.state = 'ready';
    const back = $('trend-back');
    back.hidden = !from;
    if (from) {
      back.textContent = `Torna a ${code} nell\u2019albero`;
      back.onclick = () => { if (from.isConnected) from.focus(); back.hidden = true; };
      heading.focus();
      const known = trend.points.filter(p => !missing(p.actual)).length;
      announce(`Andamento di ${trend.indicator} mostrato: ${trend.points.length} periodi, ${known} con consuntivo. I valori sono nella tabella sotto il grafico.`);
    }
  }

  function lineChart(trend) {
    const pts = trend.points;
    const known = pts.map((p, i) => ({ i, v: p.actual, p })).filter(a => !missing(a.v));
    const summary = `Andamento di ${trend.indicator}: consuntivo e target in ${pts.length} periodi` +
      (known.length ? `, ultimo consuntivo ${withUnit(known[known.length - 1].v, trend.unit)} (${periodLabel(known[known.length - 1].p.year, known[known.length - 1].p.period)})` : ', nessun consuntivo') +
      '. Tutti i valori nella tabella sotto il grafico.';
    return (W, f) => {
      const values = pts.flatMap(p => [p.actual, p.target, p.targetUpper]).filter(v => !missing(v));
      const hi = values.length ? Math.max(...values) : 1, lo = Math.min(0, ...values);
      const scale = niceTicks(lo, hi + (hi - lo) * 0.1, 4, trend.unit === 'Count');
      const left = Math.max(...scale.ticks.map(t => textWidth(scale.label(t), f))) + 0.8 * f, right = f, top = 1.6 * f, bottom = 2.2 * f;
      const H = Math.round(Math.max(13 * f, Math.min(W * 0.5, 20 * f)));
      const xStep = pts.length > 1 ? (W - left - right) / (pts.length - 1) : 0;
      const x = i => (pts.length > 1 ? left + i * xStep : (left + W - right) / 2);
      const y = v => top + (1 - (v - scale.min) / (scale.max - scale.min)) * (H - top - bottom);
      const svg = s('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary });
      for (const t of scale.ticks) {
        svg.append(s('line', { class: 'grid-line', x1: left, x2: W - right, y1: y(t), y2: y(t) }),
          s('text', { x: left - 0.4 * f, y: y(t) + 0.35 * f, 'text-anchor': 'end', class: 'label-muted tick-y', text: scale.label(t) }));
      }
      svg.append(s('line', { class: 'axis', x1: left, x2: W - right, y1: H - bottom, y2: H - bottom }));
      // Period labels: as many as fit without overlapping (the table names every period).
      const labelW = Math.max(...pts.map(p => textWidth(periodLabel(p.year, p.period), f))) + f;
      const every = xStep > 0 ? Math.max(1, Math.ceil(labelW / xStep)) : 1;
      pts.forEach((p, i) => {
        if (i % every === 0) svg.append(s('text', { x: x(i), y: H - bottom + 1.3 * f, 'text-anchor': i === 0 && pts.length > 1 ? 'start' : i === pts.length - 1 && pts.length > 1 ? 'end' : 'middle', class: 'label-muted', text: periodLabel(p.year, p.period) }));
      });

      // Target line: a step per year (each plan year has its own target), dashed.
      const targets = pts.map((p, i) => ({ i, v: p.target })).filter(t => !missing(t.v));
      if (targets.length) {
        const half = pts.length > 1 ? xStep / 2 : 3 * f;
        let d = '';
        targets.forEach((t, k) => {
          const a = Math.max(left, x(t.i) - half), b = Math.min(W - right, x(t.i) + half);
          d += `${k === 0 || targets[k - 1].v !== t.v || targets[k - 1].i !== t.i - 1 ? 'M' : 'L'}${a},${y(t.v)} L${b},${y(t.v)} `;
        });
        svg.append(s('path', { class: 'target-line', d: d.trim() }, s('title', { text: 'Target' })));
      } else {
        svg.append(s('text', { x: W / 2, y: top, 'text-anchor': 'middle', class: 'label-muted', text: 'Target non numerico: nessuna linea del target' }));
      }
      // Actual: the line through the known figures, a point each, its value written above when there is room.
      if (known.length > 1) svg.append(s('path', { class: 'actual-line', d: known.map((a, k) => `${k ? 'L' : 'M'}${x(a.i)},${y(a.v)}`).join(' ') }));
      const valueRoom = xStep === 0 || xStep >= Math.max(...known.map(a => textWidth(figure(a.v, trend.unit), f)), 0) + 0.5 * f;
      for (const a of known) {
        svg.append(s('circle', { class: 'actual-point', cx: x(a.i), cy: y(a.v), r: Math.max(4, 0.4 * f) },
          s('title', { text: `${periodLabel(a.p.year, a.p.period)}: ${withUnit(a.v, trend.unit)} (target ${a.p.targetText || ND})` })));
        if (valueRoom) {
          const anchor = pts.length > 1 && a.i === 0 ? 'start' : pts.length > 1 && a.i === pts.length - 1 ? 'end' : 'middle';
          svg.append(s('text', { x: x(a.i), y: y(a.v) - 0.7 * f, 'text-anchor': anchor, class: 'point-value', text: figure(a.v, trend.unit) }));
        }
      }
      if (!known.length) svg.append(s('text', { x: W / 2, y: top + 1.4 * f, 'text-anchor': 'middle', class: 'label-muted', text: 'Nessun consuntivo' }));
      return svg;
    };
  }

  start().catch(e => { message('Errore inatteso: ' + e.message, true); document.body.dataset.state = 'error'; });
})();
