'use strict';
// The chat page: plain DOM code over the gateway's /api routes. No framework, no build step.

const keyStorage = 'conversations.apiKey';
const $ = id => document.getElementById(id);

const state = {
  key: localStorage.getItem(keyStorage),
  sessionId: null,
  turn: null,      // the running turn: { messageId, text }
  failed: null,    // the turn to retry: { messageId, text }
  pastVersion: null,
  sessions: [],       // the last page of the session list
  known: new Map(),   // the newest summary seen of a session, by id: the list is a projection, a moment behind
};

class SignInNeeded extends Error {}

/** A failed API call, with its problem's title and detail (RFC 9457). */
class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }

  /** The title and the detail, both when they say different things. */
  get full() {
    return this.title && this.detail && this.title !== this.detail ? `${this.title}: ${this.detail}` : this.message;
  }
}

function newMessageId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

async function problemOf(response) {
  try {
    const problem = await response.json();
    return new ApiError(response.status, problem.title, problem.detail);
  } catch {
    return new ApiError(response.status);
  }
}

const problemText = async response => (await problemOf(response)).message;

/** Calls the API with the stored key; a 401 shows the sign-in form, any other failure throws its problem's text. */
async function api(path, { method = 'GET', json, accept, signal, key = state.key } = {}) {
  const headers = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (accept) headers.Accept = accept;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, signal, body: json === undefined ? undefined : JSON.stringify(json) });
  if (response.status === 401) {
    const why = await problemText(response);
    showSignIn(key ? `The key was refused: ${why}` : null);
    throw new SignInNeeded(why);
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

const markCurrent = (element, current) => (current ? element.setAttribute('aria-current', 'true') : element.removeAttribute('aria-current'));

const getJson = async path => (await api(path)).json();

function notify(message) {
  const notice = $('notice');
  notice.textContent = message;
  notice.hidden = !message;
}

/** Runs an action from a click or a form, reporting its failure instead of losing it. */
function guarded(action) {
  return async (...args) => {
    try {
      notify('');
      await action(...args);
    } catch (error) {
      if (!(error instanceof SignInNeeded) && error.name !== 'AbortError') notify(error.message);
    }
  };
}

// ---- Sign-in ----

function showSignIn(message) {
  $('app').hidden = true;
  $('sign-in').hidden = false;
  $('sign-out').hidden = true;
  $('sign-in-error').textContent = message || '';
  $('sign-in-error').hidden = !message;
  $('key').focus();
}

async function signIn(event) {
  event.preventDefault();
  const key = $('key').value.trim();
  state.key = key;
  try {
    await loadSessions();
  } catch (error) {
    if (!(error instanceof SignInNeeded)) showSignIn(error.message);
    return;
  }
  localStorage.setItem(keyStorage, key);
  $('key').value = '';
  showApp();
}

function signOut() {
  localStorage.removeItem(keyStorage);
  state.key = null;
  state.sessions = [];
  state.known.clear();
  $('session-list').replaceChildren();
  clearConversation();
  memory.items = [];
  $('memory-list').replaceChildren();
  selectTab('session');
  showSignIn(null);
}

function showApp() {
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = !state.key;
}

// ---- Sessions ----

const dateTime = at => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = at => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const titleOf = session => session.title || `Conversation of ${dateTime(session.startedAt)}`;

async function loadSessions() {
  state.sessions = (await getJson('/api/sessions?limit=100')).sessions;
  renderSessions();
}

function remember(summary) {
  const known = state.known.get(summary.sessionId);
  if (!known || known.version <= summary.version) state.known.set(summary.sessionId, summary);
}

/** The list as last read, with what this page has seen since (the session just created, renamed or talked to). */
function renderSessions() {
  state.sessions.forEach(remember);
  const ids = new Set(state.sessions.map(s => s.sessionId));
  if (state.sessionId && state.known.has(state.sessionId)) ids.add(state.sessionId);
  const sessions = [...ids].map(id => state.known.get(id))
    .sort((a, b) => new Date(b.lastActivityAt) - new Date(a.lastActivityAt));
  $('session-list').replaceChildren(...sessions.map(sessionItem));
  $('sessions-empty').hidden = sessions.length > 0;
}

function button(text, onClick, attributes = {}) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  for (const [name, value] of Object.entries(attributes)) b.setAttribute(name, value);
  b.addEventListener('click', guarded(onClick));
  return b;
}

function sessionItem(session) {
  const item = document.createElement('li');
  item.dataset.sessionId = session.sessionId;
  const title = titleOf(session);
  const open = button('', () => openSession(session.sessionId), { class: 'open' });
  markCurrent(open, session.sessionId === state.sessionId);
  const name = document.createElement('span');
  name.className = 'title';
  name.textContent = title;
  const meta = document.createElement('small');
  meta.textContent = `${dateTime(session.lastActivityAt)} · ${session.messageCount} messages${session.forkedFrom ? ' · fork' : ''}`;
  open.append(name, meta);
  const actions = document.createElement('span');
  actions.className = 'actions';
  actions.append(
    button('Rename', () => startRename(item, session), { 'aria-label': `Rename ${title}` }),
    button('Delete', () => confirmDelete(item, session), { 'aria-label': `Delete ${title}` }));
  item.append(open, actions);
  return item;
}

function startRename(item, session) {
  const form = document.createElement('form');
  form.className = 'inline';
  const label = document.createElement('label');
  label.textContent = 'New title';
  label.className = 'visually-hidden';
  const input = document.createElement('input');
  input.id = `title-${session.sessionId}`;
  label.htmlFor = input.id;
  input.value = session.title || '';
  input.required = true;
  input.maxLength = 200;
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = 'Save';
  const cancel = button('Cancel', () => item.replaceWith(sessionItem(session)));
  form.append(label, input, save, cancel);
  form.addEventListener('keydown', e => { if (e.key === 'Escape') cancel.click(); });
  form.addEventListener('submit', guarded(async e => {
    e.preventDefault();
    const renamed = await (await api(`/api/sessions/${session.sessionId}`, { method: 'PATCH', json: { title: input.value.trim() } })).json();
    remember({ ...session, title: renamed.title, version: renamed.version });
    await loadSessions();
    if (state.sessionId === session.sessionId) await refresh();
    $('session-list').querySelector(`[data-session-id="${session.sessionId}"] .open`)?.focus();
  }));
  item.replaceChildren(form);
  input.focus();
  input.select();
}

function confirmDelete(item, session) {
  const box = document.createElement('div');
  box.className = 'inline';
  box.setAttribute('role', 'group');
  const question = document.createElement('span');
  question.textContent = `Delete “${titleOf(session)}” and its whole history?`;
  const yes = button('Delete', async () => {
    await api(`/api/sessions/${session.sessionId}`, { method: 'DELETE' });
    state.known.delete(session.sessionId);
    if (state.sessionId === session.sessionId) clearConversation();
    await loadSessions();
    $('new-session').focus();
  }, { class: 'danger' });
  const no = button('Cancel', () => item.replaceWith(sessionItem(session)));
  box.append(question, yes, no);
  item.replaceChildren(box);
  no.focus();
}

async function newSession(temporary = false) {
  if (state.turn) return;
  const created = await (await api('/api/sessions', { method: 'POST', json: temporary ? { memory: 'off' } : {} })).json();
  clearConversation();
  state.sessionId = created.sessionId;
  await refresh();
  $('message').focus();
}

function clearConversation() {
  state.sessionId = null;
  state.pastVersion = null;
  state.failed = null;
  $('chat-title').textContent = 'New conversation';
  $('temporary').hidden = true;
  $('fork-origin').hidden = true;
  $('turns').replaceChildren();
  $('context').replaceChildren();
  $('context-empty').hidden = false;
  $('timeline').replaceChildren();
  $('past').hidden = true;
  $('turn-error').hidden = true;
  setComposer();
}

async function openSession(sessionId) {
  if (state.turn) return;
  clearConversation();
  state.sessionId = sessionId;
  for (const open of document.querySelectorAll('#session-list .open'))
    markCurrent(open, open.parentElement.dataset.sessionId === sessionId);
  await refresh();
  $('message').focus();
}

// ---- The session: turns, context, timeline ----

/** Shows the session now: its turns, context and timeline. */
async function refresh() {
  if (!state.sessionId) return;
  const id = state.sessionId;
  const [session, events] = await Promise.all([getJson(`/api/sessions/${id}`), loadEvents(id)]);
  // Branches only decorate the conversation: read again once after a moment (a 429 or 503 passes), else shown without.
  const branchesOf = () => loadBranches(session);
  const [branches, origin] = await Promise.all([
    branchesOf().catch(() => new Promise(resolve => setTimeout(resolve, 1000)).then(branchesOf)).catch(() => new Map()),
    originOf(session)]);
  if (id !== state.sessionId) return;
  state.pastVersion = null;
  remember(session);
  renderSessions();
  $('past').hidden = true;
  $('chat-title').textContent = titleOf(session);
  $('temporary').hidden = session.memory !== 'off';
  renderOrigin(session, origin);
  if (!state.turn) renderTurns(withIds(session.recentTurns, events), branches);
  renderContext(session.context);
  renderTimeline(events);
  setComposer();
}

async function loadEvents(id) {
  const events = [];
  for (let from = 1; from;) {
    const page = await getJson(`/api/sessions/${id}/events?from=${from}&limit=1000`);
    events.push(...page.events);
    from = page.next;
  }
  return events;
}

function turnItem(role, text) {
  const item = document.createElement('li');
  item.className = `turn ${role}`;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = role === 'user' ? 'You' : 'Assistant';
  const body = document.createElement('p');
  body.textContent = text;
  item.append(who, body);
  return item;
}

/** The turns shown, each with its turn's message id and event version where the session's own events tell them. */
function withIds(turns, events) {
  const own = events.filter(e => e.type === 'UserMessageReceived' || e.type === 'AssistantReplied').map(e => e.type === 'AssistantReplied'
    ? { role: 'assistant', messageId: e.data.inReplyTo, version: e.version }
    : { role: 'user', messageId: e.data.messageId, version: e.version });
  const shown = turns.map(t => ({ ...t }));
  for (let i = 1; i <= Math.min(shown.length, own.length) && shown[shown.length - i].role === own[own.length - i].role; i++)
    Object.assign(shown[shown.length - i], own[own.length - i]);
  return shown;
}

/** Renders the turns; with <branches>, each of the session's own turns gets its Edit or Regenerate and branch switcher. */
function renderTurns(turns, branches = null) {
  $('turns').replaceChildren(...turns.map((t, i) => {
    const item = turnItem(t.role, t.text);
    if (branches && t.messageId) item.append(turnActions(item, turns.slice(0, i), t, branches.get(t.version)));
    return item;
  }));
  scrollToEnd();
}

// ---- Branches: edits, regenerated replies, and moving between the forks made at one point ----

/**
 * The branches at each of the session's turns, by the turn's event version: its own forks made just before that event
 * (the session first), and, for a fork, its siblings at its first own event (its parent first).
 */
async function loadBranches(session) {
  const points = new Map();
  const add = (version, list, current) => points.set(version, { list, index: list.indexOf(current) });
  const forks = (await getJson(`/api/sessions/${session.sessionId}/forks`)).forks;
  for (const version of new Set(forks.map(f => f.forkedAtVersion))) {
    add(version + 1, [session.sessionId, ...forks.filter(f => f.forkedAtVersion === version).map(f => f.sessionId)], session.sessionId);
  }
  const origin = session.forkedFrom;
  if (origin) {
    const siblings = await getJson(`/api/sessions/${origin.sessionId}/forks`).then(r => r.forks, () => []);
    const list = [origin.sessionId, ...siblings.filter(f => f.forkedAtVersion === origin.version).map(f => f.sessionId)];
    if (!list.includes(session.sessionId)) list.push(session.sessionId);
    add(2, list, session.sessionId);
  }
  return points;
}

/** The title of the session a fork came from, or null when that session is gone. */
const originOf = session => session.forkedFrom
  ? getJson(`/api/sessions/${session.forkedFrom.sessionId}`).then(titleOf, () => null)
  : Promise.resolve(null);

function renderOrigin(session, title) {
  const origin = session.forkedFrom;
  $('fork-origin').hidden = !origin;
  if (!origin) return;
  const link = $('fork-origin-link');
  link.textContent = `${title ?? 'a deleted conversation'} at event ${origin.version}`;
  link.href = `#session=${origin.sessionId}&version=${origin.version}`;
}

/** A turn's Edit (user) or Regenerate (assistant), and its branch switcher "2 / 3" when forks were made there. */
function turnActions(item, before, turn, branch) {
  const actions = document.createElement('div');
  actions.className = 'turn-actions';
  if (branch && branch.list.length > 1) {
    const nav = document.createElement('span');
    nav.className = 'branch';
    const position = document.createElement('span');
    position.textContent = `${branch.index + 1} / ${branch.list.length}`;
    const go = step => () => openSession(branch.list[branch.index + step]);
    const previous = button('‹', go(-1), { 'aria-label': 'Previous branch' });
    const next = button('›', go(1), { 'aria-label': 'Next branch' });
    previous.disabled = branch.index === 0;
    next.disabled = branch.index === branch.list.length - 1;
    nav.append(previous, position, next);
    actions.append(nav);
  }
  const path = `/api/sessions/${state.sessionId}/messages/${encodeURIComponent(turn.messageId)}`;
  actions.append(turn.role === 'user'
    ? button('Edit', () => startEditTurn(item, before, turn, path), { 'aria-label': 'Edit this message' })
    : button('Regenerate', () => regenerate(before, path), { 'aria-label': 'Regenerate this reply' }));
  return actions;
}

function startEditTurn(item, before, turn, path) {
  if (state.turn) return;
  const form = document.createElement('form');
  form.className = 'edit-turn';
  const label = document.createElement('label');
  label.textContent = 'Edited message';
  const text = document.createElement('textarea');
  text.id = `edit-${turn.version}`;
  label.htmlFor = text.id;
  text.value = turn.text;
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = 'Send edit';
  const cancel = button('Cancel', () => form.replaceWith(...keep));
  const keep = [...item.querySelectorAll('p, .turn-actions')];
  form.append(label, text, save, cancel);
  keep[0].replaceWith(form);
  keep[1]?.remove();
  form.addEventListener('keydown', e => {
    if (e.key === 'Escape') { form.replaceWith(...keep); return; }
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', guarded(async e => {
    e.preventDefault();
    const edited = text.value.trim();
    if (!edited) return;
    const messageId = newMessageId();
    renderTurns(before);
    $('turns').append(turnItem('user', edited));
    await runTurn({ messageId, text: edited, path: `${path}/edit`, body: { text: edited, messageId } });
  }));
  text.focus();
}

async function regenerate(before, path) {
  if (state.turn) return;
  const messageId = newMessageId();
  renderTurns(before);
  await runTurn({ messageId, path: `${path}/regenerate`, body: { messageId } });
}

function scrollToEnd() {
  const turns = $('turns');
  turns.scrollTop = turns.scrollHeight;
}

function contextLabel(key) {
  if (key.startsWith('favorite.')) return `Favourite ${key.slice('favorite.'.length)}`;
  return { name: 'Name', location: 'Location', likes: 'Likes', facts: 'Facts' }[key] || key.charAt(0).toUpperCase() + key.slice(1);
}

function renderContext(context) {
  const entries = Object.entries(context || {});
  const list = $('context');
  list.replaceChildren();
  for (const [key, value] of entries) {
    const term = document.createElement('dt');
    term.textContent = contextLabel(key);
    const detail = document.createElement('dd');
    detail.textContent = Array.isArray(value) ? value.join(', ') : String(value);
    list.append(term, detail);
  }
  $('context-empty').hidden = entries.length > 0;
}

const clip = (text, length = 60) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function summary(event) {
  const d = event.data || {};
  switch (event.type) {
    case 'SessionStarted': return 'The conversation started';
    case 'SessionForked': return `Forked at event ${d.forkedFrom?.version} of another conversation`;
    case 'UserMessageReceived': return `You: ${clip(d.text || '')}`;
    case 'AssistantReplied': return `Reply: ${clip(d.text || '')}`;
    case 'ContextUpdated': return `Remembered ${contextLabel(d.key)}: ${clip(String(d.value))}`;
    case 'ContextForgotten': return `Forgot ${contextLabel(d.key)}`;
    case 'ContextItemForgotten': return `Forgot from ${contextLabel(d.key)}: ${clip(String(d.value))}`;
    case 'SessionRenamed': return `Renamed to “${clip(d.title || '')}”`;
    case 'ReplyFailed': return `The reply failed: ${clip(d.reason || '')}`;
    default: return clip(JSON.stringify(d));
  }
}

function renderTimeline(events) {
  const items = events.map(event => {
    const item = document.createElement('li');
    const choose = button('', () => viewPast(event.version), { 'data-version': event.version });
    const head = document.createElement('span');
    head.className = 'event-head';
    head.textContent = `${event.version}. ${event.type} · ${time(event.at)}`;
    const text = document.createElement('span');
    text.className = 'event-summary';
    text.textContent = summary(event);
    choose.append(head, text);
    item.append(choose);
    return item;
  });
  $('timeline').replaceChildren(...items);
}

/** Shows the session as it stood right after event <version>. */
async function viewPast(version) {
  if (state.turn) return;
  const past = await getJson(`/api/sessions/${state.sessionId}/state?version=${version}`);
  state.pastVersion = version;
  $('past-label').textContent = `Viewing the past (event ${version})`;
  $('past').hidden = false;
  renderTurns(past.recentTurns);
  renderContext(past.context);
  for (const choose of document.querySelectorAll('#timeline button'))
    markCurrent(choose, Number(choose.dataset.version) === version);
  setComposer();
}

async function backToNow() {
  await refresh();
  $('message').focus();
}

// ---- Sending, streaming, stopping and retrying a turn ----

function setComposer() {
  const busy = state.turn !== null;
  const past = state.pastVersion !== null;
  $('send').hidden = busy;
  $('stop').hidden = !busy;
  $('send').disabled = past;
  $('message').disabled = past;
  $('retry').disabled = busy || past;
}

/** Reads server-sent events from a fetch response: { type, data } for each event. */
async function* serverSentEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon === 0) continue;
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length) yield { type, data: JSON.parse(data.join('\n')) };
    }
  }
}

async function send(event) {
  event?.preventDefault();
  const text = $('message').value.trim();
  if (!text || state.turn || state.pastVersion !== null) return;
  if (!state.sessionId) {
    const created = await (await api('/api/sessions', { method: 'POST', json: {} })).json();
    state.sessionId = created.sessionId;
  }
  $('message').value = '';
  $('turns').append(turnItem('user', text));
  await runTurn({ messageId: newMessageId(), text });
}

async function retry() {
  if (!state.failed || state.turn) return;
  const turn = state.failed;
  $('turns').querySelector('.turn.failed')?.remove();
  await runTurn(turn);
}

/** Runs a turn, streamed: a message of this session, or an edit or regeneration (<turn.path>), which answers in a fork. */
async function runTurn(turn) {
  let sessionId = state.sessionId;
  const reply = turnItem('assistant', '');
  reply.classList.add('streaming');
  const body = reply.querySelector('p');
  $('turns').append(reply);
  scrollToEnd();
  state.turn = turn;
  state.failed = null;
  $('turn-error').hidden = true;
  setComposer();
  let failure = null;
  try {
    const response = await api(turn.path || `/api/sessions/${sessionId}/messages`,
      { method: 'POST', json: turn.body || { text: turn.text, messageId: turn.messageId }, accept: 'text/event-stream' });
    const moveTo = id => { if (id && id !== sessionId && state.sessionId === sessionId) state.sessionId = sessionId = id; };
    if (!(response.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
      const answer = await response.json();
      moveTo(answer.sessionId);
      body.textContent = answer.reply;
    } else {
      failure = 'The reply stream ended without a reply.';
      for await (const sse of serverSentEvents(response)) {
        if (sse.type === 'turn.started') moveTo(sse.data.sessionId);
        else if (sse.type === 'message.delta') body.textContent += sse.data.text;
        else if (sse.type === 'turn.completed') { body.textContent = sse.data.reply; failure = null; }
        else if (sse.type === 'turn.failed') failure = sse.data.status === 409 ? 'Stopped.' : (sse.data.detail || sse.data.title);
        scrollToEnd();
      }
    }
  } catch (error) {
    if (error instanceof SignInNeeded) { state.turn = null; return; }
    failure = error.message;
  }
  reply.classList.remove('streaming');
  state.turn = null;
  if (failure) {
    reply.classList.add('failed');
    if (!body.textContent) body.textContent = failure;
    state.failed = turn;
    $('turn-error-text').textContent = failure;
    $('turn-error').hidden = false;
  }
  setComposer();
  if (sessionId !== state.sessionId) return;
  try {
    await loadSessions();
    await (failure ? refreshSide() : refresh());
  } catch (error) {
    if (!(error instanceof SignInNeeded)) notify(error.message);
  }
  if (!failure) pollMemory();
  if (failure) $('retry').focus(); else $('message').focus();
}

/** After a failed turn: the context and timeline anew, the conversation as shown (with its failed reply to retry). */
async function refreshSide() {
  const [session, events] = await Promise.all([getJson(`/api/sessions/${state.sessionId}`), loadEvents(state.sessionId)]);
  remember(session);
  renderSessions();
  renderContext(session.context);
  renderTimeline(events);
}

async function stop() {
  if (!state.turn) return;
  await api(`/api/sessions/${state.sessionId}/messages/${encodeURIComponent(state.turn.messageId)}/cancel`, { method: 'POST' });
}

// ---- The side panel's tabs: this conversation, the user's memory ----

const tabs = ['session', 'memory'];

function selectTab(name, focus = false) {
  for (const tab of tabs) {
    const selected = tab === name;
    $(`tab-${tab}`).setAttribute('aria-selected', String(selected));
    $(`tab-${tab}`).tabIndex = selected ? 0 : -1;
    $(`panel-${tab}`).hidden = !selected;
  }
  if (focus) $(`tab-${name}`).focus();
  if (name === 'memory') pollMemory();
}

function tabKeys(event) {
  const current = tabs.indexOf(event.target.id.replace('tab-', ''));
  const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined || current < 0) return;
  event.preventDefault();
  selectTab(tabs[(next + tabs.length) % tabs.length], true);
}

// ---- Memory across sessions: what the user told any conversation ----

const memory = { items: [], enabled: true, poll: 0, stale: false };

const memoryShown = () => !$('panel-memory').hidden && !$('app').hidden;
const delay = ms => new Promise(resolve => setTimeout(resolve, ms));

function showMemoryError(error) {
  if (error instanceof SignInNeeded || error.name === 'AbortError') return;
  $('memory-error').textContent = error instanceof ApiError ? error.full : error.message;
  $('memory-error').hidden = false;
}

/** Runs an action of the memory panel, showing its failure in the panel (the API's problem title and detail). */
function memoryAction(action) {
  return async (...args) => {
    try {
      $('memory-error').hidden = true;
      await action(...args);
    } catch (error) {
      showMemoryError(error);
    }
  };
}

async function loadMemory() {
  const view = await getJson('/api/memory');
  memory.items = view.items;
  memory.enabled = view.enabled;
  renderMemory();
}

/**
 * Reads the memory now and a couple of times more: what a turn taught reaches the memory within a second of its
 * reply, through the event feed. A newer poll ends an older one.
 */
const pollMemory = memoryAction(async () => {
  if (!memoryShown()) return;
  const run = ++memory.poll;
  for (const wait of [0, 500, 1500, 3000]) {
    if (wait) await delay(wait);
    if (run !== memory.poll || !memoryShown()) return;
    await loadMemory();
  }
});

function renderMemory() {
  $('memory-enabled').checked = memory.enabled;
  $('memory-off').hidden = memory.enabled;
  $('memory-empty').hidden = memory.items.length > 0;
  // An edit under way keeps its form: the list is drawn anew when it ends.
  if ($('memory-list').querySelector('form')) {
    memory.stale = true;
    return;
  }
  memory.stale = false;
  $('memory-list').replaceChildren(...memory.items.map(memoryItem));
}

const sourceHash = source => `#session=${encodeURIComponent(source.sessionId)}&version=${source.version}`;

function memoryItem(entry) {
  const item = document.createElement('li');
  item.dataset.itemId = entry.id;
  const label = contextLabel(entry.key);
  const line = document.createElement('p');
  line.className = 'memory-line';
  const key = document.createElement('span');
  key.className = 'memory-key';
  key.textContent = label;
  const value = document.createElement('span');
  value.className = 'memory-value';
  value.textContent = entry.value;
  line.append(key, ' ', value);

  const meta = document.createElement('small');
  meta.className = 'memory-meta';
  const when = document.createElement('time');
  when.dateTime = entry.learnedAt;
  when.textContent = dateTime(entry.learnedAt);
  if (entry.source) {
    const known = state.known.get(entry.source.sessionId);
    const link = document.createElement('a');
    link.className = 'memory-source';
    link.href = sourceHash(entry.source);
    link.textContent = `${known ? `“${clip(titleOf(known), 40)}”` : 'a conversation'}, event ${entry.source.version}`;
    link.setAttribute('aria-label', `Learned in ${link.textContent}: show it in the timeline`);
    link.addEventListener('click', guarded(async e => {
      e.preventDefault();
      await openAt(entry.source.sessionId, entry.source.version);
    }));
    meta.append('Learned ', when, ' in ', link);
  } else {
    meta.append('Added by you ', when);
  }

  const actions = document.createElement('span');
  actions.className = 'actions';
  const name = `${label}: ${entry.value}`;
  actions.append(
    button('Edit', memoryAction(() => startEdit(item, entry)), { 'aria-label': `Edit ${name}` }),
    button('Delete', memoryAction(() => forgetItem(item, entry)), { 'aria-label': `Delete ${name}` }));
  item.append(line, meta, actions);
  return item;
}

/** An item the API no longer knows (forgotten elsewhere): it leaves the list, and the failure is still shown. */
function dropIfGone(error, entry) {
  if (error instanceof ApiError && error.status === 404) {
    memory.items = memory.items.filter(i => i.id !== entry.id);
    memory.stale = true;
  }
  throw error;
}

function replaceItem(updated) {
  memory.items = memory.items.map(i => (i.id === updated.id ? updated : i));
}

function endEdit(item, entry) {
  item.replaceWith(memoryItem(entry));
  if (memory.stale) renderMemory();
  ($('memory-list').querySelector(`[data-item-id="${CSS.escape(entry.id)}"] .actions button`) || $('memory-value')).focus();
}

function startEdit(item, entry) {
  const form = document.createElement('form');
  form.className = 'inline';
  const label = document.createElement('label');
  label.textContent = `New value for ${contextLabel(entry.key)}`;
  label.className = 'visually-hidden';
  const input = document.createElement('input');
  input.id = `memory-value-${entry.id}`;
  label.htmlFor = input.id;
  input.value = entry.value;
  input.required = true;
  input.maxLength = 200;
  const save = document.createElement('button');
  save.type = 'submit';
  save.textContent = 'Save';
  const cancel = button('Cancel', () => endEdit(form.closest('li'), entry));
  form.append(label, input, save, cancel);
  form.addEventListener('keydown', e => { if (e.key === 'Escape') cancel.click(); });
  form.addEventListener('submit', memoryAction(async e => {
    e.preventDefault();
    const updated = await (await api(`/api/memory/${encodeURIComponent(entry.id)}`, { method: 'PATCH', json: { value: input.value.trim() } })
      .catch(error => dropIfGone(error, entry))).json();
    replaceItem(updated);
    endEdit(form.closest('li'), updated);
  }));
  item.replaceChildren(form);
  input.focus();
  input.select();
}

async function forgetItem(item, entry) {
  await api(`/api/memory/${encodeURIComponent(entry.id)}`, { method: 'DELETE' }).catch(error => {
    if (error instanceof ApiError && error.status === 404) item.remove();
    return dropIfGone(error, entry);
  });
  const next = item.nextElementSibling || item.previousElementSibling;
  memory.items = memory.items.filter(i => i.id !== entry.id);
  item.remove();
  $('memory-empty').hidden = memory.items.length > 0;
  (next?.querySelector('.actions button') || $('memory-value')).focus();
}

function chosenKey() {
  const key = $('memory-key').value;
  if (key !== 'favorite.') return key;
  const topic = $('memory-topic').value.trim().toLowerCase();
  if (!topic) {
    $('memory-topic').focus();
    throw new Error('Say what the favourite is of (colour, food…).');
  }
  return key + topic;
}

function showTopic() {
  const favorite = $('memory-key').value === 'favorite.';
  $('memory-topic').hidden = !favorite;
  $('memory-topic-label').hidden = !favorite;
  $('memory-topic').required = favorite;
}

async function addMemory(event) {
  event.preventDefault();
  const added = await (await api('/api/memory', { method: 'POST', json: { key: chosenKey(), value: $('memory-value').value.trim() } })).json();
  $('memory-value').value = '';
  $('memory-topic').value = '';
  // A single-valued key replaced the item it had: the list is read anew rather than guessed.
  await loadMemory();
  $('memory-list').querySelector(`[data-item-id="${CSS.escape(added.id)}"]`)?.scrollIntoView({ block: 'nearest' });
  $('memory-value').focus();
}

function confirmForgetAll() {
  const area = $('memory-forget');
  const box = document.createElement('div');
  box.className = 'inline';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Forget everything');
  const question = document.createElement('span');
  question.textContent = 'Forget everything your memory holds, from every conversation? This cannot be undone.';
  const restore = () => {
    box.remove();
    $('forget-all').hidden = false;
  };
  const yes = button('Forget everything', memoryAction(async () => {
    await api('/api/memory', { method: 'DELETE' });
    restore();
    await loadMemory();
    $('forget-all').focus();
  }), { class: 'danger' });
  const no = button('Cancel', () => { restore(); $('forget-all').focus(); });
  box.addEventListener('keydown', e => { if (e.key === 'Escape') no.click(); });
  box.append(question, yes, no);
  $('forget-all').hidden = true;
  area.append(box);
  no.focus();
}

async function switchMemory() {
  const enabled = $('memory-enabled').checked;
  try {
    const answer = await (await api('/api/memory', { method: 'PATCH', json: { enabled } })).json();
    memory.enabled = answer.enabled;
  } finally {
    renderMemory();
  }
}

/** Opens <sessionId> at the event <version> in its timeline: where a memory was learned. */
async function openAt(sessionId, version) {
  if (state.turn) return;
  await openSession(sessionId);
  await viewPast(version);
  selectTab('session');
  const chosen = document.querySelector(`#timeline button[data-version="${version}"]`);
  chosen?.scrollIntoView({ block: 'nearest' });
  chosen?.focus();
}

/** A link to a memory's source opened in a new tab: #session=<id>&version=<n>. */
async function openFromHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const sessionId = params.get('session');
  const version = Number(params.get('version'));
  if (sessionId && Number.isInteger(version) && version > 0) await openAt(sessionId, version);
}

// ---- Search ----

const search = { q: '', next: null };

/** A snippet as the API sends it (escaped text with <mark> around the matches) made into nodes, never parsed as markup. */
function snippetNodes(snippet) {
  const decoder = document.createElement('textarea');
  const decode = html => {
    decoder.innerHTML = html;
    return decoder.value;
  };
  let marked = false;
  const nodes = [];
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) {
      const text = document.createTextNode(decode(part));
      if (marked) {
        const mark = document.createElement('mark');
        mark.append(text);
        nodes.push(mark);
      } else {
        nodes.push(text);
      }
    }
  }
  return nodes;
}

function hitItem(hit) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.className = 'hit';
  link.href = sourceHash(hit);
  const title = document.createElement('strong');
  title.textContent = clip(hit.title || 'Untitled conversation', 60);
  const when = document.createElement('time');
  when.dateTime = hit.at;
  when.textContent = dateTime(hit.at);
  const snippet = document.createElement('span');
  snippet.className = 'snippet';
  snippet.append(hit.role === 'assistant' ? 'Reply: ' : 'You: ', ...snippetNodes(hit.snippet));
  link.append(title, ' ', when, snippet);
  link.addEventListener('click', guarded(async e => {
    e.preventDefault();
    await openAt(hit.sessionId, hit.version);
  }));
  item.append(link);
  return item;
}

async function runSearch(event, more = false) {
  event?.preventDefault();
  if (!more) {
    search.q = $('search-q').value.trim();
    search.next = null;
    $('search-results').replaceChildren();
  }
  if (!search.q) return clearSearch();
  $('search-panel').hidden = false;
  $('search-status').textContent = 'Searching…';
  const cursor = more && search.next ? `&cursor=${encodeURIComponent(search.next)}` : '';
  const page = await getJson(`/api/search?q=${encodeURIComponent(search.q)}&limit=20${cursor}`);
  $('search-results').append(...page.hits.map(hitItem));
  search.next = page.next;
  $('search-more').hidden = !page.next;
  const count = $('search-results').children.length;
  $('search-status').textContent = count === 0 ? `Nothing found for “${search.q}”.` : `${count}${page.next ? '+' : ''} found for “${search.q}”.`;
}

function clearSearch() {
  search.q = '';
  search.next = null;
  $('search-q').value = '';
  $('search-results').replaceChildren();
  $('search-panel').hidden = true;
  $('search-q').focus();
}

// ---- Start ----

function start() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('new-session').addEventListener('click', guarded(() => newSession(false)));
  $('new-temporary').addEventListener('click', guarded(() => newSession(true)));
  for (const tab of tabs) $(`tab-${tab}`).addEventListener('click', () => selectTab(tab));
  document.querySelector('#side [role="tablist"]').addEventListener('keydown', tabKeys);
  $('memory-enabled').addEventListener('change', memoryAction(switchMemory));
  $('memory-key').addEventListener('change', showTopic);
  $('memory-add').addEventListener('submit', memoryAction(addMemory));
  $('forget-all').addEventListener('click', confirmForgetAll);
  window.addEventListener('hashchange', guarded(openFromHash));
  $('search').addEventListener('submit', guarded(runSearch));
  $('search-more').addEventListener('click', guarded(() => runSearch(null, true)));
  $('search-clear').addEventListener('click', clearSearch);
  $('search-q').addEventListener('keydown', e => { if (e.key === 'Escape') clearSearch(); });
  $('composer').addEventListener('submit', guarded(send));
  $('message').addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('stop').addEventListener('click', guarded(stop));
  $('retry').addEventListener('click', guarded(retry));
  $('back-to-now').addEventListener('click', guarded(backToNow));
  guarded(async () => {
    await loadSessions();
    showApp();
    setComposer();
    await openFromHash();
  })();
}

start();
