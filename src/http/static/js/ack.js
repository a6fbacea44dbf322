// The Acknowledge button of an open alert (student and subgroup alerts alike): it opens a small
// form with an optional note; Confirm posts POST /api/v1/alerts/{id}/ack and hands the updated
// alert to onDone; Cancel puts the button back. Focus follows each step.
import { api } from './api.js';
import { h } from './dom.js';

export function ackButton(alert, label, onDone) {
  const holder = h('div', { class: 'ackholder' });
  const btn = h('button', { type: 'button', class: 'ack small', 'aria-label': `Acknowledge: ${label}` }, 'Acknowledge');
  holder.appendChild(btn);
  btn.addEventListener('click', () => {
    btn.hidden = true;
    const note = h('textarea', { id: `note-${alert.id}`, rows: 2, maxlength: 2000 });
    const err = h('p', { class: 'error', role: 'alert' });
    const submit = h('button', { type: 'submit' }, 'Confirm acknowledgement');
    const form = h('form', { class: 'ackform', onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      try {
        const text = note.value.trim();
        const updated = await api(`/api/v1/alerts/${alert.id}/ack`, { method: 'POST', body: text ? { note: text } : {} });
        holder.remove();
        onDone(updated);
      } catch (ex) {
        err.textContent = ex.message;
        submit.disabled = false;
      }
    } },
    h('label', { for: `note-${alert.id}` }, 'Note (optional)'), note, err,
    h('div', { class: 'buttons' }, submit,
      h('button', { type: 'button', class: 'secondary', onclick: () => { form.remove(); btn.hidden = false; btn.focus(); } }, 'Cancel')));
    holder.appendChild(form);
    note.focus();
  });
  return holder;
}

// "Acknowledged by NAME on DATE — “note”" for an alert record from the API.
export function ackText(a, when) {
  return `Acknowledged${a.acknowledged_by ? ` by ${a.acknowledged_by}` : ''}` +
    `${a.acknowledged_at ? ` on ${when(a.acknowledged_at)}` : ''}${a.ack_note ? ` — “${a.ack_note}”` : ''}`;
}
