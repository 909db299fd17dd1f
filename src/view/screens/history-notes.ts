import { readOutcome } from '../../session/model';
import { compact } from '../../session/format';
import { teachingNotes } from '../../session/history-replay';
import { formatDate } from '../../session/text';
import { button, h } from '../dom';
import type { NotesModel } from '../scenes/history-notes';
import { currentReplay } from '../state/selectors';
import { caveatTag, sourceCite } from './common';
import { bandText, lessonsLine } from './history-text';
import { conflictNote } from './figures';
import { glossaryLinker } from './material-view';
import { materialsButtons } from './materials-links';
import { aiAgreementSection, basisTag, fidelityShare } from './notes-fidelity';
import type { ScreenFn } from './screen';

function section(title: string, id: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { attrs: { 'aria-labelledby': id } }, h('h2', { id }, title), ...children.filter((c): c is Node => c !== null));
}

/**
 * The debrief-style material of an episode, reachable from its replay: what the model
 * represents, the questions with the lessons they serve, the decision points, how close the
 * model comes to the real numbers, and what came after (unverified items labelled as such).
 */
export const historyNotesScreen: ScreenFn = (state, dispatch) => {
  const r = currentReplay(state);
  if (!r || !state.replaying) return null;
  const scenario = r.scenario;
  const backTo = state.replaying.position;
  const notes = teachingNotes(scenario);
  const body: Node[] = [];
  const link = glossaryLinker(state, dispatch);
  body.push(h('div', { class: 'no-print' }, h('p', { class: 'hint' }, 'Handouts for the class:'), materialsButtons(state, dispatch, scenario.id)));
  if (notes.kind === 'what-if') {
    body.push(h('div', { class: 'message', attrs: { role: 'note' } }, h('p', null, h('strong', null, 'A what-if, built on real events. '), notes.whatIf ?? '')));
  }
  body.push(
    section(
      'Questions for the class',
      'questions-title',
      h(
        'ol',
        { class: 'plain', id: 'questions' },
        ...notes.questions.map((q) =>
          h('li', null, h('p', null, ...link(q.text)), h('p', { class: 'hint' }, lessonsLine(q.lessons), q.source ? [' Source: ', sourceCite(q.source), '.'] : null)),
        ),
      ),
    ),
    section('What the model represents, and what it simplifies', 'calibration-title', h('p', { id: 'calibration' }, ...link(notes.calibration))),
    section(
      'The decision points',
      'decisions-title',
      h(
        'ol',
        { class: 'plain' },
        ...notes.decisions.map((d) =>
          h(
            'li',
            { attrs: { 'data-decision': d.id } },
            h('p', null, h('strong', null, `Before step ${d.stepNumber} (${formatDate(d.date)}): `), ...link(d.question)),
            h('p', null, 'History: ', ...link(d.history)),
            h('ul', { class: 'plain' }, ...d.alternatives.map((a) => h('li', null, `Alternative: ${a.label}`, a.note ? h('span', { class: 'hint' }, ` ${a.note}`) : null, a.source ? h('span', { class: 'hint' }, ' Source: ', sourceCite(a.source), '.') : null))),
            h('p', { class: 'hint' }, lessonsLine(d.lessons)),
          ),
        ),
      ),
    ),
  );
  // How close the model comes: the replay under the reference seed against the real numbers.
  const results = readOutcome(scenario);
  body.push(
    section(
      'The real numbers and the model',
      'fidelity-title',
      h('p', { class: 'hint' }, `The model’s replay of the path under the reference seed (${scenario.history!.seed}). Each measure is tagged by its basis: “set by the path” (the real moves fix it, so it checks the scenario, not the model), “fitted” (the model was tuned to it: matching it shows calibration, not prediction) or “predicted” (nothing was tuned to it).`),
      fidelityShare(state, scenario),
      h(
        'table',
        { class: 'data', id: 'fidelity' },
        h('caption', null, 'Each real figure, its tolerance band, and the model'),
        h('thead', null, h('tr', null, h('th', { attrs: { scope: 'col' } }, 'Measure'), h('th', { attrs: { scope: 'col' } }, 'Real'), h('th', { attrs: { scope: 'col' } }, 'Band'), h('th', { attrs: { scope: 'col' } }, 'Model'), h('th', { class: 'text', attrs: { scope: 'col' } }, 'Source'))),
        h(
          'tbody',
          null,
          ...results.map((m) =>
            h(
              'tr',
              { attrs: { 'data-metric': m.metric } },
              h('th', { attrs: { scope: 'row' } }, `${m.label} (${m.unit})`, basisTag(m.basis)),
              h('td', null, compact(m.expected)),
              h('td', null, bandText(m.band)),
              h('td', null, m.got === null ? '—' : compact(m.got), m.got !== null ? (m.ok ? ' (in band)' : ' (outside)') : ''),
              h('td', { class: 'text' }, sourceCite(scenario.sources.find((s) => s.id === m.source) ?? null, m.source)),
            ),
          ),
        ),
      ),
      ...(scenario.history?.outcome ?? []).filter((o) => o.conflict).map((o) => h('div', { attrs: { 'data-metric-conflict': o.id } }, h('p', null, h('strong', null, o.label)), conflictNote(scenario, o.conflict!))),
    ),
  );
  const agreement = aiAgreementSection(state, scenario);
  if (agreement) body.push(agreement);
  if (notes.epilogue.length > 0) {
    body.push(
      section(
        'What came after',
        'epilogue-title',
        h(
          'ul',
          { class: 'plain news', id: 'epilogue' },
          // teachingNotes keeps the file's epilogue in order, so its conflicts line up by index.
          ...notes.epilogue.map((e, i) => {
            const conflict = scenario.history?.epilogue?.[i]?.conflict;
            return h('li', null, h('strong', null, `${formatDate(e.date)}: `), ...link(e.text), e.unverified ? caveatTag('unverified') : null, h('span', { class: 'hint' }, ' Source: ', sourceCite(e.source), '.'), conflict ? conflictNote(scenario, conflict) : null);
          }),
        ),
      ),
    );
  }
  body.push(
    h(
      'div',
      { class: 'actions' },
      button('Back to the replay', () => dispatch({ type: 'set-replay-position', position: backTo }), { key: 'back-to-replay' }),
      button('All episodes', () => dispatch({ type: 'navigate', screen: 'history' }), { key: 'episodes', class: 'secondary' }),
    ),
  );
  const model: NotesModel = {
    title: scenario.title,
    whatIf: notes.kind === 'what-if',
    questions: notes.questions.map((q) => ({ text: q.text, lessons: q.lessons.map((l) => `Lesson ${l.number}: ${l.short}`).join('  ·  ') })),
  };
  return { title: `Teaching notes: ${scenario.title}`, body, scene: { key: 'history-notes', model } };
};
