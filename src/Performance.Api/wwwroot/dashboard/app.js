// Cruscotto della performance: a read-only view over the public API, with a Viewer key.
// No dependencies, no inline script (the page's CSP allows only 'self'); charts are plain SVG.
'use strict';

(() => {
  // ---- Italian formatting at the edge -------------------------------------------------------------------------
  const nf2 = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const nf0 = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
  const ND = 'n.d.';
  const num = v => (v === null || v === undefined ? ND : nf2.format(v));
  const pct = v => (v === null || v === undefined ? ND : nf2.format(v) + ' %');
  const UNIT = { Percent: ' %', Days: ' gg', Euro: ' €', Hours: ' ore' };
  const withUnit = (v, unit) => (v === null || v === undefined ? ND : nf2.format(v) + (UNIT[unit] || ''));
  const STATUS = { Green: 'Raggiunto', Yellow: 'Parzialmente raggiunto', Red: 'Non raggiunto', Grey: 'Non disponibile' };
  const statusClass = s => 's-' + String(s || 'Grey').toLowerCase();
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

  // ---- API access -----------------------------------------------------------------------------------------------
  const KEY_STORE = 'performance-dashboard-key';
  const state = { key: null, demoKey: null, plans: [], plan: null, year: null, indicator: null, scorecard: null };

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
  const planPath = () => `/api/plans/${enc(state.plan.code)}`;

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
    const p = new URLSearchParams({ piano: state.plan.code, anno: state.year });
    if (state.indicator) p.set('indicatore', state.indicator);
    history.replaceState(null, '', '#' + p.toString());
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
    $('plan').addEventListener('change', () => selectPlan($('plan').value, null));
    $('year').addEventListener('change', () => { state.year = parseInt($('year').value, 10); writeHash(); render(); });
    $('trend-indicator').addEventListener('change', () => showTrend($('trend-indicator').value));
    $('expand-all').addEventListener('click', () => setAll(true));
    $('collapse-all').addEventListener('click', () => setAll(false));
    await loadPlans();
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
    for (const p of state.plans) sel.append(h('option', { value: p.code, text: `${p.code} – ${p.organization}` }));
    const wanted = readHash();
    await selectPlan(wanted.plan && state.plans.some(p => p.code === wanted.plan) ? wanted.plan : state.plans[0].code, wanted);
  }

  async function selectPlan(code, wanted) {
    state.plan = state.plans.find(p => p.code === code);
    $('plan').value = code;
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
    const body = document.body;
    body.dataset.state = 'loading';
    message('Caricamento…');
    const q = `?year=${state.year}`;
    const [scorecard, pv, lgg, ranking, yearState] = await Promise.allSettled([
      api(`${planPath()}/scorecard${q}`), api(`${planPath()}/public-value${q}`), api(`${planPath()}/guidelines${q}`),
      api(`${planPath()}/structures/ranking${q}`), api(`${planPath()}/years/${state.year}`),
    ]);
    if (scorecard.status === 'rejected') {
      message('Impossibile leggere il piano: ' + scorecard.reason.message, true);
      body.dataset.state = 'error';
      return;
    }
    const failures = [pv, lgg, ranking, yearState].filter(r => r.status === 'rejected').map(r => r.reason.message);
    message(failures.length ? 'Alcuni dati non sono disponibili: ' + [...new Set(failures)].join('; ') : '', failures.length > 0);
    state.scorecard = scorecard.value;

    $('content').hidden = false;
    renderSummary(scorecard.value, pv.value, yearState.value);
    renderTree(scorecard.value);
    renderPublicValue(pv.value);
    renderGuidelines(lgg.value);
    renderRanking(ranking.value);
    body.dataset.plan = state.plan.code;
    body.dataset.year = String(state.year);
    await renderTrendSelector(scorecard.value);
    body.dataset.state = 'ready';
  }

  function renderSummary(sc, pv, ys) {
    $('plan-title').textContent = `${state.plan.title} – anno ${state.year}`;
    $('plan-org').textContent = `${state.plan.organization} · piano ${state.plan.code} (${state.plan.startYear}–${state.plan.endYear})`;
    $('plan-score').textContent = num(sc.score);
    const badge = $('plan-status');
    badge.className = 'badge ' + statusClass(sc.status);
    badge.textContent = STATUS[sc.status] || ND;
    $('vp-institute').textContent = pv && pv.institute !== null ? num(pv.institute) : ND;
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
      h('span', { class: 'dot ' + statusClass(n.status), role: 'img', 'aria-label': STATUS[n.status] || ND, title: STATUS[n.status] || ND }),
      h('span', { class: 'node-code', text: n.code }),
      h('span', { class: 'node-title', text: n.title }),
      h('span', { class: 'node-kind', text: KIND[n.kind] || n.kind }),
      h('span', { class: 'node-score', 'data-field': 'node-score', text: num(n.score) }));
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
    if (n.indicators.length) panel.append(indicatorTable(n.indicators));
    if (n.children.length) panel.append(h('ul', {}, n.children.map(nodeItem)));
  }

  function indicatorTable(indicators) {
    return h('table', { class: 'data indicators' },
      h('thead', {}, h('tr', {},
        ['Indicatore', 'Target', 'Consuntivo', 'Raggiungimento', 'Punteggio', 'Stato', ''].map((t, i) =>
          h('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : null, text: t })))),
      h('tbody', {}, indicators.map(i => h('tr', { 'data-indicator': i.code },
        h('td', {}, h('span', { class: 'node-code', text: i.code }), ' ', i.name),
        h('td', { 'data-field': 'target', text: i.target || ND }),
        h('td', { class: 'num', 'data-field': 'actual', text: withUnit(i.actual, i.unit) }),
        h('td', { class: 'num', 'data-field': 'achievement', text: pct(i.achievement) }),
        h('td', { class: 'num', 'data-field': 'score', text: num(i.score) }),
        h('td', {}, h('span', { class: 'badge ' + statusClass(i.status), text: STATUS[i.status] || ND })),
        h('td', {}, h('button', { type: 'button', class: 'link', text: 'Andamento', on: { click: () => showTrend(i.code, true) } }))))));
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
  }

  // ---- charts -------------------------------------------------------------------------------------------------------
  function barColour(v) {
    if (v === null || v === undefined) return 'bar-grey';
    return v >= 100 ? 'bar-green' : v >= 90 ? 'bar-yellow' : 'bar-red';
  }

  /** Horizontal bars: rows of { key, label, value, note, colour }; a dashed reference line at 100. */
  function barChart(rows, title, wide) {
    const W = wide ? 1200 : 640, labelW = wide ? 520 : 230, valueW = 70, rowH = wide ? 26 : 30, top = 10, bottom = 24;
    const maxLabel = wide ? 78 : 34;
    const max = Math.max(100, ...rows.map(r => r.value || 0)) * 1.05;
    const plotW = W - labelW - valueW;
    const x = v => labelW + (v / max) * plotW;
    const H = top + rows.length * rowH + bottom;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title }, s('title', { text: title }));
    for (let t = 0; t <= max; t += max > 200 ? 50 : 25) {
      svg.append(s('line', { class: 'grid-line', x1: x(t), x2: x(t), y1: top, y2: H - bottom }),
        s('text', { x: x(t), y: H - 8, 'text-anchor': 'middle', class: 'label-muted', text: nf0.format(t) }));
    }
    rows.forEach((r, i) => {
      const y = top + i * rowH;
      const g = s('g', { 'data-key': r.key, 'data-value': r.value === null || r.value === undefined ? '' : String(r.value) },
        s('title', { text: `${r.label}: ${num(r.value)}${r.note ? ' – ' + r.note : ''}` }),
        s('text', { x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end', text: r.label.length > maxLabel ? r.label.slice(0, maxLabel - 1) + '…' : r.label }),
        s('rect', { class: r.colour || barColour(r.value), x: labelW, y: y + 5, height: rowH - 10, width: Math.max(0, x(r.value || 0) - labelW) }),
        s('text', { x: x(r.value || 0) + 6, y: y + rowH / 2 + 4, class: 'bar-value', text: num(r.value) }));
      svg.append(g);
    });
    svg.append(s('line', { class: 'ref', x1: x(100), x2: x(100), y1: top - 4, y2: H - bottom }));
    return svg;
  }

  function renderPublicValue(pv) {
    const chart = clear($('vp-chart'));
    const list = clear($('vp-structures'));
    if (!pv || !pv.areas || pv.areas.length === 0) {
      chart.append(h('p', { class: 'empty', text: 'Questo piano non definisce ambiti di Valore Pubblico.' }));
      chart.dataset.areas = '0';
      return;
    }
    chart.dataset.areas = String(pv.areas.length);
    chart.append(h('p', {}, 'Valore Pubblico dell\u2019ente: ', h('strong', { 'data-field': 'vp-institute-chart', text: num(pv.institute) }),
      ` · strutture centrali ${num(pv.central)} · strutture territoriali ${num(pv.territorial)}`));
    chart.append(barChart(pv.areas.map(a => ({
      key: a.code, label: a.name || a.code, value: a.institute ? a.institute.score : null, colour: 'bar-accent',
      note: `centrali ${num(a.central && a.central.score)}, territoriali ${num(a.territorial && a.territorial.score)}`,
    })), 'Valore Pubblico per ambito (ente)'));
    const ranked = pv.structures.filter(x => x.included && x.value !== null).sort((a, b) => b.value - a.value);
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
    const notes = clear($('lgg-notes'));
    if (!lgg || lgg.length === 0) {
      chart.append(h('p', { class: 'empty', text: 'Nessuna Linea Guida Gestionale in questo piano.' }));
      chart.dataset.count = '0';
      return;
    }
    chart.dataset.count = String(lgg.length);
    chart.append(barChart(lgg.map(g => ({
      key: 'LGG-' + g.number, label: `LGG ${g.number} (${g.kind}) ${g.title}`, value: g.attuazione,
    })), 'Attuazione delle Linee Guida Gestionali (%)', true));
    for (const g of lgg) {
      const parts = [];
      if (g.kind === 'OGE' && g.result !== null && g.result !== undefined) parts.push(`risultato OGE ${num(g.result)}`);
      if (g.justification) parts.push(`motivazione: ${g.justification}`);
      else if (g.justificationMissing) parts.push('motivazione richiesta ma non presente');
      if (parts.length) notes.append(h('li', { 'data-lgg': g.number }, h('strong', { text: `LGG ${g.number} – attuazione ${pct(g.attuazione)}: ` }), parts.join('; ')));
    }
  }

  function renderRanking(rows) {
    const body = clear(document.querySelector('#structures tbody'));
    if (!rows || rows.length === 0) { body.append(h('tr', {}, h('td', { colspan: 6, class: 'empty', text: 'Nessuna struttura.' }))); return; }
    for (const r of rows) {
      body.append(h('tr', { 'data-structure': r.code },
        h('td', { class: 'num', text: r.rank === null ? '–' : `${r.rank}°` }),
        h('td', {}, r.name, h('span', { class: 'muted', text: ` (${r.code})` })),
        h('td', { text: `${STRUCTURE_KIND[r.kind] || r.kind}${r.type ? ' · ' + r.type : ''}` }),
        h('td', { class: 'num', 'data-field': 'score', text: num(r.score) }),
        h('td', {}, h('span', { class: 'badge ' + statusClass(r.status), text: STATUS[r.status] || ND })),
        h('td', { class: 'num', text: nf0.format(r.scoredIndicators) })));
    }
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
      || indicators.find(i => i.actual !== null && /\d/.test(i.target || '')) || indicators[0];
    await showTrend(wanted.code);
  }

  async function showTrend(code, scroll) {
    state.indicator = code;
    $('trend-indicator').value = code;
    writeHash();
    const chart = clear($('trend-chart'));
    chart.dataset.state = 'loading';
    const tbody = clear(document.querySelector('#trend-table tbody'));
    if (scroll) $('trend-section').scrollIntoView({ behavior: 'smooth' });
    let trend;
    try {
      trend = await api(`/api/indicators/${enc(state.plan.code)}:${enc(code)}/trend`);
    } catch (e) {
      chart.append(h('p', { class: 'empty', text: 'Andamento non disponibile: ' + e.message }));
      chart.dataset.state = 'error';
      return;
    }
    chart.append(h('p', { class: 'muted', text: `${trend.indicator} – ${trend.name}` }), lineChart(trend));
    for (const p of trend.points) {
      tbody.append(h('tr', { 'data-period': `${p.year}-${p.period}` },
        h('td', { text: periodLabel(p.year, p.period) + (p.period === 'Y' ? ' (anno)' : ' (progressivo)') }),
        h('td', { text: p.targetText || ND }),
        h('td', { class: 'num', text: withUnit(p.actual, trend.unit) }),
        h('td', { class: 'num', text: pct(p.achievement) })));
    }
    chart.dataset.state = 'ready';
  }

  function lineChart(trend) {
    const pts = trend.points;
    const W = 640, H = 300, left = 64, right = 16, top = 16, bottom = 46;
    const values = pts.flatMap(p => [p.actual, p.target, p.targetUpper]).filter(v => v !== null && v !== undefined);
    const maxV = values.length ? Math.max(...values) : 1;
    const minV = Math.min(0, ...values);
    const span = (maxV - minV) || 1;
    const yMax = maxV + span * 0.15, yMin = minV;
    const xStep = pts.length > 1 ? (W - left - right) / (pts.length - 1) : 0;
    const x = i => (pts.length > 1 ? left + i * xStep : (left + W - right) / 2);
    const y = v => top + (1 - (v - yMin) / (yMax - yMin)) * (H - top - bottom);
    const title = `Andamento di ${trend.indicator}: consuntivo e target`;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title }, s('title', { text: title }));
    for (let k = 0; k <= 4; k++) {
      const v = yMin + (yMax - yMin) * k / 4;
      svg.append(s('line', { class: 'grid-line', x1: left, x2: W - right, y1: y(v), y2: y(v) }),
        s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'label-muted', text: nf2.format(v) }));
    }
    svg.append(s('line', { class: 'axis', x1: left, x2: W - right, y1: H - bottom, y2: H - bottom }));
    pts.forEach((p, i) => svg.append(s('text', { x: x(i), y: H - bottom + 18, 'text-anchor': 'middle', class: 'label-muted', text: periodLabel(p.year, p.period) })));

    // Target line: a step per year (each plan year has its own target), dashed.
    const targets = pts.map((p, i) => ({ i, v: p.target })).filter(t => t.v !== null && t.v !== undefined);
    if (targets.length) {
      const half = pts.length > 1 ? xStep / 2 : 40;
      let d = '';
      targets.forEach((t, k) => {
        const x0 = Math.max(left, x(t.i) - half), x1 = Math.min(W - right, x(t.i) + half);
        d += `${k === 0 || targets[k - 1].v !== t.v || targets[k - 1].i !== t.i - 1 ? 'M' : 'L'}${x0},${y(t.v)} L${x1},${y(t.v)} `;
      });
      svg.append(s('path', { class: 'target-line', d: d.trim() }, s('title', { text: 'Target' })));
    } else {
      svg.append(s('text', { x: W / 2, y: top + 14, 'text-anchor': 'middle', class: 'label-muted', text: 'Target non numerico: nessuna linea del target' }));
    }
    // Actual: the line through the known figures, a point each.
    const known = pts.map((p, i) => ({ i, v: p.actual, p })).filter(a => a.v !== null && a.v !== undefined);
    if (known.length > 1) svg.append(s('path', { class: 'actual-line', d: known.map((a, k) => `${k ? 'L' : 'M'}${x(a.i)},${y(a.v)}`).join(' ') }));
    for (const a of known) {
      svg.append(s('circle', { class: 'actual-point', cx: x(a.i), cy: y(a.v), r: 5 },
        s('title', { text: `${periodLabel(a.p.year, a.p.period)}: ${withUnit(a.v, trend.unit)} (target ${a.p.targetText || ND})` })));
      svg.append(s('text', { x: x(a.i), y: y(a.v) - 10, 'text-anchor': 'middle', text: nf2.format(a.v) }));
    }
    if (!known.length) svg.append(s('text', { x: W / 2, y: top + 32, 'text-anchor': 'middle', class: 'label-muted', text: 'Nessun consuntivo' }));
    // Legend
    svg.append(s('line', { class: 'actual-line', x1: left, x2: left + 24, y1: H - 8, y2: H - 8 }),
      s('text', { x: left + 30, y: H - 4, text: 'Consuntivo' }),
      s('line', { class: 'target-line', x1: left + 130, x2: left + 154, y1: H - 8, y2: H - 8 }),
      s('text', { x: left + 160, y: H - 4, text: 'Target' }));
    return svg;
  }

  start().catch(e => { message('Errore inatteso: ' + e.message, true); document.body.dataset.state = 'error'; });
})();
