// @ts-check
// The Environment Matrix page. The extension renders the HTML (client/src/matrix/render.ts) and posts it; this
// script inserts it, keeps the filters, scroll, focus and open sections in the webview state, and turns
// clicks and keys into messages. One listener per event type on the root (no per-cell listeners).
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const saved = vscode.getState() || {};
  const state = {
    solution: typeof saved.solution === 'string' ? saved.solution : undefined,
    onlyProblems: saved.onlyProblems === true,
    environment: typeof saved.environment === 'string' ? saved.environment : '',
    scrollY: typeof saved.scrollY === 'number' ? saved.scrollY : 0,
    /** The focused cell: row index and column key. */
    focus: saved.focus && typeof saved.focus.r === 'number' ? saved.focus : null,
    /** Keys of the overview sections left open. */
    open: Array.isArray(saved.open) ? saved.open.filter(k => typeof k === 'string') : [],
  };
  let firstRender = true;
  const save = () => vscode.setState(state);
  const filters = () => ({ solution: state.solution, onlyProblems: state.onlyProblems, environment: state.environment });

  /** @param {Element | null} cell */
  const isGridCell = cell => !!cell && cell.hasAttribute('data-c') && !!cell.closest('#grid');
  const grid = () => document.getElementById('grid');
  const rows = () => /** @type {HTMLElement[]} */ ([...(grid()?.querySelectorAll('tbody tr[data-r]') ?? [])]);
  /** @param {Element} row */
  const cellsOf = row => /** @type {HTMLElement[]} */ ([...row.querySelectorAll('[data-c]')]);

  function findCell(focus) {
    if (!focus) return null;
    return /** @type {HTMLElement | null} */ (grid()?.querySelector(`tbody [data-r="${Number(focus.r)}"][data-c="${CSS.escape(String(focus.c))}"]`) ?? null);
  }
  function firstCell() {
    const row = rows()[0];
    return row ? cellsOf(row)[0] ?? null : null;
  }

  /** Roving tabindex: the focused cell is the grid's one tab stop. */
  function focusCell(/** @type {HTMLElement} */ cell, move = true) {
    const previous = grid()?.querySelector('[data-c][tabindex="0"]');
    if (previous && previous !== cell) previous.setAttribute('tabindex', '-1');
    cell.setAttribute('tabindex', '0');
    if (move) { cell.focus({ preventScroll: true }); cell.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
    state.focus = { r: Number(cell.dataset.r), c: cell.dataset.c };
    showDetails(cell);
    save();
  }

  function showDetails(/** @type {HTMLElement} */ cell) {
    const details = document.getElementById('details');
    if (!details) return;
    const row = cell.closest('tr');
    const name = row?.querySelector('th.name .display')?.textContent ?? '';
    const column = columnTitle(cell);
    details.textContent = `${name}${column ? ` — ${column}` : ''}: ${cell.getAttribute('title') ?? cell.textContent ?? ''}`;
  }

  function columnTitle(/** @type {HTMLElement} */ cell) {
    const index = cellsOf(/** @type {Element} */ (cell.closest('tr'))).indexOf(cell);
    const header = grid()?.querySelectorAll('thead th')[index];
    return header ? (header.firstChild?.textContent ?? '').trim() : '';
  }

  function render(/** @type {{ html: string; state?: any }} */ message) {
    const started = performance.now();
    const hadGridFocus = isGridCell(document.activeElement);
    const toolbarFocus = document.activeElement && document.activeElement.closest('.toolbar') ? document.activeElement.id : '';
    if (message.state) {
      state.solution = message.state.solution;
      state.onlyProblems = !!message.state.onlyProblems;
      state.environment = message.state.environment || '';
    }
    root.innerHTML = message.html;
    root.removeAttribute('aria-busy');
    for (const d of root.querySelectorAll('details[data-key]')) if (state.open.includes(/** @type {HTMLElement} */ (d).dataset.key)) d.setAttribute('open', '');
    const cell = findCell(state.focus) || firstCell();
    if (cell) {
      cell.setAttribute('tabindex', '0');
      if (hadGridFocus) focusCell(cell);
      else if (state.focus) showDetails(cell);
    }
    if (toolbarFocus) document.getElementById(toolbarFocus)?.focus();
    if (firstRender) { window.scrollTo(0, state.scrollY); firstRender = false; }
    save();
    // After the browser has laid the table out: the time the page took, for the log.
    requestAnimationFrame(() => vscode.postMessage({ type: 'rendered', ms: performance.now() - started, cells: grid()?.querySelectorAll('[data-c]').length ?? 0 }));
  }

  function activate(/** @type {HTMLElement} */ cell) {
    if (cell.dataset.c === 'type') return;
    vscode.postMessage({ type: 'open', r: Number(cell.dataset.r), c: cell.dataset.c });
  }
  function actions(/** @type {HTMLElement} */ cell) {
    vscode.postMessage({ type: 'actions', r: Number(cell.dataset.r), c: cell.dataset.c });
  }

  window.addEventListener('message', event => {
    const message = event.data;
    if (message && message.type === 'render' && typeof message.html === 'string') render(message);
  });

  root.addEventListener('click', event => {
    const target = /** @type {HTMLElement} */ (event.target);
    const link = target.closest('[data-finding]');
    if (link) { event.preventDefault(); vscode.postMessage({ type: 'openFinding', key: link.getAttribute('data-finding') }); return; }
    const cell = /** @type {HTMLElement | null} */ (target.closest('[data-c]'));
    if (!cell || !isGridCell(cell)) return;
    focusCell(cell);
    if (target.closest('[data-act]')) actions(cell);
    else activate(cell);
  });

  root.addEventListener('keydown', event => {
    const cell = /** @type {HTMLElement} */ (event.target);
    if (!isGridCell(cell)) return;
    const row = /** @type {HTMLElement} */ (cell.closest('tr'));
    const all = rows();
    const r = all.indexOf(row);
    const cells = cellsOf(row);
    const c = cells.indexOf(cell);
    let next = /** @type {HTMLElement | undefined} */ (undefined);
    const at = (ri, ci) => { const target = all[Math.max(0, Math.min(all.length - 1, ri))]; const list = target ? cellsOf(target) : []; return list[Math.max(0, Math.min(list.length - 1, ci))]; };
    switch (event.key) {
      case 'ArrowRight': next = cells[c + 1]; break;
      case 'ArrowLeft': next = cells[c - 1]; break;
      case 'ArrowDown': next = at(r + 1, c); break;
      case 'ArrowUp': next = at(r - 1, c); break;
      case 'PageDown': next = at(r + 10, c); break;
      case 'PageUp': next = at(r - 10, c); break;
      case 'Home': next = event.ctrlKey ? at(0, 0) : cells[0]; break;
      case 'End': next = event.ctrlKey ? at(all.length - 1, cells.length - 1) : cells[cells.length - 1]; break;
      case 'Enter': case ' ': activate(cell); break;
      case '.': case 'ContextMenu': actions(cell); break;
      case 'F10': if (event.shiftKey) actions(cell); else return; break;
      default: return;
    }
    event.preventDefault();
    if (next) focusCell(next);
  });

  root.addEventListener('focusin', event => {
    const cell = /** @type {HTMLElement} */ (event.target);
    if (isGridCell(cell) && cell.getAttribute('tabindex') !== '0') focusCell(cell, false);
  });

  root.addEventListener('change', event => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    if (input.id === 'solution') { state.solution = input.value; state.focus = null; state.open = []; }
    else if (input.id === 'environment') state.environment = input.value;
    else if (input.id === 'onlyProblems') state.onlyProblems = input.checked;
    else return;
    save();
    vscode.postMessage({ type: 'state', state: filters() });
  });

  // <details> toggles do not bubble: listen while capturing.
  root.addEventListener('toggle', event => {
    const details = /** @type {HTMLDetailsElement} */ (event.target);
    const key = details.dataset && details.dataset.key;
    if (!key) return;
    state.open = state.open.filter(k => k !== key);
    if (details.open) state.open.push(key);
    save();
  }, true);

  let scrollPending = false;
  window.addEventListener('scroll', () => {
    if (scrollPending) return;
    scrollPending = true;
    requestAnimationFrame(() => { scrollPending = false; state.scrollY = window.scrollY; save(); });
  }, { passive: true });

  vscode.postMessage({ type: 'ready', state: filters() });
}());
