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

function newMessageId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

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
  if (!response.ok) throw new Error(await problemText(response));
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
  meta.textContent = `${dateTime(session.lastActivityAt)} · ${session.messageCount} messages`;
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

async function newSession() {
  if (state.turn) return;
  const created = await (await api('/api/sessions', { method: 'POST', json: {} })).json();
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
  if (id !== state.sessionId) return;
  state.pastVersion = null;
  remember(session);
  renderSessions();
  $('past').hidden = true;
  $('chat-title').textContent = titleOf(session);
  if (!state.turn) renderTurns(session.recentTurns);
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

function renderTurns(turns) {
  $('turns').replaceChildren(...turns.map(t => turnItem(t.role, t.text)));
  scrollToEnd();
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

async function runTurn(turn) {
  const sessionId = state.sessionId;
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
    const response = await api(`/api/sessions/${sessionId}/messages`,
      { method: 'POST', json: { text: turn.text, messageId: turn.messageId }, accept: 'text/event-stream' });
    if (!(response.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
      body.textContent = (await response.json()).reply;
    } else {
      failure = 'The reply stream ended without a reply.';
      for await (const sse of serverSentEvents(response)) {
        if (sse.type === 'message.delta') body.textContent += sse.data.text;
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

// ---- Start ----

function start() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('new-session').addEventListener('click', guarded(newSession));
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
  })();
}

start();
