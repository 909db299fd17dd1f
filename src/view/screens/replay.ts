import type { TimelineEntry } from '../../session/history-timeline';
import { INDICATOR_LIST, INDICATORS } from '../../session/model';
import type { IndicatorId, Indicators, Scenario, Side } from '../../core/types';
import { canTakeOver, lessonRefs, positionTitle, sourceOf, type ReplayStep } from '../../session/history-replay';
import { atSentenceStart, formatDate, sideInSentence } from '../../session/text';
import { button, columnHeads, fmt, h, signed } from '../dom';
import type { ReplayModel } from '../scenes/replay';
import { currentReplay } from '../state/selectors';
import { caveatTag, copyableText, flagImg, notices, sourceCite } from './common';
import { replayLinkQuery } from '../../session/link';
import { lessonsShort } from './history-text';
import { aiWouldHave, stepFigures } from './replay-figures';
import { conflictNote, estimateTag } from './figures';
import { glossaryLinker } from './material-view';
import { materialsButtons } from './materials-links';
import type { ScreenFn } from './screen';
import type { Dispatch } from '../state/actions';
import type { ViewState } from '../state/app-state';

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An indicator's name for a chart title: the full label when it fits, else its short name and side. */
function chartLabel(id: IndicatorId): string {
  const def = INDICATORS[id];
  if (def.label.length <= 28) return def.label;
  return def.side === 'shared' ? def.short : `${def.short} (${def.side === 'us' ? 'US' : 'China'})`;
}

/** "3 May" or "May" under a node of the path (the year is in the heading). */
function shortDate(iso: string): string {
  const [, m, d] = iso.split('-');
  const month = SHORT_MONTHS[Number(m) - 1] ?? '';
  return d ? `${Number(d)} ${month}` : month;
}

/** A dated entry of the timeline (a model event, a snap-back, the end of the talks, an epilogue item). */
function entryItem(scenario: Scenario, e: TimelineEntry): HTMLElement {
  return h(
    'li',
    { attrs: { 'data-entry': e.kind } },
    h('strong', null, formatDate(e.date), e.calendarDate ? h('span', { class: 'hint' }, ' (by the model’s calendar)') : null, ': '),
    e.text,
    e.unverified ? caveatTag('unverified') : null,
    e.source ? h('span', { class: 'hint' }, ' Source: ', sourceCite(sourceOf(scenario, e.source), e.source), '.') : /\d/.test(e.text) ? [' ', estimateTag()] : null,
    e.conflict ? conflictNote(scenario, e.conflict) : null,
  );
}

/**
 * The model's round beside the real date. Its calendar is fixed steps taken in the order of the
 * moves, so a move can fall outside its round's days: said, so the two dates do not read as a
 * contradiction.
 */
function roundNote(step: ReplayStep): string {
  const gap = step.calendarGap;
  if (!gap) return ` (from ${formatDate(step.roundDate)}).`;
  return gap.round === 'starts-after'
    ? `. The model’s calendar starts that round on ${formatDate(gap.date)}, after the real date: its rounds are fixed steps, taken in the order of the moves.`
    : `. The model’s calendar ends that round on ${formatDate(gap.date)}, before the real date: its rounds are fixed steps, taken in the order of the moves.`;
}

/** Back from the replay to a game of this episode the player left for it (as the title's Resume does). */
function backToGame(state: ViewState, scenario: Scenario, dispatch: Dispatch): HTMLElement | null {
  const match = state.match;
  if (!match || match.scenario.id !== scenario.id) return null;
  return button(match.ended ? 'Back to your game’s debrief' : `Back to your game (round ${match.state.round})`, () => dispatch({ type: 'navigate', screen: match.ended ? 'debrief' : state.passTo ? 'pass-device' : 'table' }), {
    key: 'back-to-game',
  });
}

/** One step of a real episode at a time: what happened, its source, and the model's indicators. */
export const replayScreen: ScreenFn = (state, dispatch) => {
  const r = currentReplay(state);
  if (!r || !state.replaying) return null;
  const position = state.replaying.position;
  const scenario = r.scenario;
  const history = scenario.history!;
  const n = r.steps.length;
  const last = r.frames.length - 1;
  const frame = r.frames[position]!;
  const step = frame.kind === 'step' ? r.steps[position - 1]! : null;
  const next = r.steps[position] ?? null;
  const body: Node[] = [...notices(state.notices)];
  const link = glossaryLinker(state, dispatch);

  if (history.kind === 'what-if') {
    body.push(h('div', { class: 'message', attrs: { role: 'note' } }, h('p', null, h('strong', null, 'A what-if, built on real events. '), history.whatIf ?? 'The path supposes moves that did not happen as negotiating moves.')));
  }

  body.push(
    h(
      'nav',
      { class: 'replay-nav', attrs: { 'aria-label': 'Step through the episode' } },
      button('◀ Previous', () => dispatch({ type: 'set-replay-position', position: position - 1 }), { key: 'replay-prev', class: 'secondary', disabled: position === 0, attrs: { 'aria-label': 'Previous step' } }),
      h('span', { class: 'replay-position', attrs: { 'data-position': position } }, positionTitle(r, position)),
      button('Next ▶', () => dispatch({ type: 'set-replay-position', position: position + 1 }), { key: 'replay-next', disabled: position === last, attrs: { 'aria-label': 'Next step' } }),
    ),
    h('p', { class: 'hint' }, 'Keys: → or Page Down for the next step, ← or Page Up for the previous one, Home and End for the start and the end (a presentation clicker works too).'),
  );

  // What happened at this position.
  const section: (Node | null)[] = [];
  if (step) {
    section.push(
      h('h2', { id: 'step-title' }, `${positionTitle(r, position)}: ${formatDate(step.date)}`),
      h('p', { class: 'who' }, flagImg(step.side), h('strong', null, atSentenceStart(sideInSentence(scenario.sides[step.side].label))), ` moves, in round ${step.round} of the model`, roundNote(step)),
      h('p', { class: 'account', attrs: { 'data-account': '' } }, ...link(step.account), step.whatIf ? caveatTag('what-if') : null),
      h('p', { class: 'source' }, 'Source: ', sourceCite(step.source, step.sourceId), '.'),
      history.path[step.index]?.conflict ? conflictNote(scenario, history.path[step.index]!.conflict!) : null,
      h('p', { class: 'hint' }, 'In the game: ', ...link(step.moveText)),
      stepFigures(scenario, step.index),
      step.whatIf ? null : aiWouldHave(state, scenario, step.index, link),
    );
    if (step.following.length > 0) section.push(h('h3', null, 'What the model did next'), h('ul', { class: 'plain news' }, ...step.following.map((e) => entryItem(scenario, e))));
  } else if (frame.kind === 'start') {
    section.push(
      h('h2', { id: 'step-title' }, `The starting position: ${formatDate(scenario.dates.start)}`),
      h('p', null, scenario.description ?? scenario.summary),
      h('p', null, `${n} steps follow, each a move one side really made. A round of the model is ${scenario.roundLength}. The replay uses the seed ${r.seed}, under which the model reproduces the real numbers.`),
    );
  } else if (r.aftermath) {
    section.push(
      h('h2', { id: 'step-title' }, `After the talks: to round ${r.aftermath.horizon}`),
      h('p', { class: 'account' }, `${r.aftermath.outcomeText} The model runs on to round ${r.aftermath.horizon}, so the deal (or its absence) is judged over the same span as any game.`),
      r.aftermath.entries.length > 0 ? h('h3', null, 'What the model did after the talks') : null,
      r.aftermath.entries.length > 0 ? h('ul', { class: 'plain news' }, ...r.aftermath.entries.map((e) => entryItem(scenario, e))) : null,
      r.epilogue.length > 0 ? h('h3', null, 'What came after, beyond the model') : null,
      r.epilogue.length > 0 ? h('ul', { class: 'plain news' }, ...r.epilogue.map((e) => entryItem(scenario, e))) : null,
    );
  }
  body.push(h('section', { id: 'replay-step', attrs: { 'aria-labelledby': 'step-title' } }, ...section.filter((x): x is Node => x !== null)));

  // A decision comes next: the question first, history's answer only when asked for.
  if (next?.decision) {
    const d = next.decision;
    body.push(
      h(
        'section',
        { class: 'decision', attrs: { 'aria-labelledby': 'decision-title', 'data-decision': d.id } },
        h('h2', { id: 'decision-title' }, 'Decision point: ', ...link(d.question)),
        h('p', { class: 'hint' }, `History’s answer is the next step (${formatDate(next.date)}). Stop here and ask the class first.`),
        h('details', null, h('summary', { attrs: { 'data-key': 'history-did' } }, 'What history did'), h('p', null, ...link(d.history)), d.source ? h('p', { class: 'hint' }, 'Source: ', sourceCite(sourceOf(scenario, d.source), d.source), '.') : null),
        h('h3', null, 'The alternatives'),
        h(
          'ol',
          { class: 'plain' },
          ...d.alternatives.map((a, i) =>
            h(
              'li',
              { attrs: { 'data-alternative': i } },
              h('strong', null, a.label),
              a.note ? h('span', null, ` ${a.note}`) : null,
              a.source ? h('span', { class: 'hint' }, ' Source: ', sourceCite(sourceOf(scenario, a.source), a.source), '.') : null,
              a.move
                ? h(
                    'div',
                    { class: 'actions' },
                    button(`Take over with this alternative`, () => dispatch({ type: 'take-over', position, side: a.move!.side, alternative: i }), {
                      key: `alternative-${i}`,
                      class: 'secondary',
                      attrs: { 'aria-label': `Take over with this alternative: ${a.label}` },
                    }),
                  )
                : h('p', { class: 'hint' }, 'Described in words only: there is no move to play it with.'),
            ),
          ),
        ),
        h('p', { class: 'hint' }, lessonsShort(lessonRefs(d.lessons))),
      ),
    );
  }

  // The indicators, as the model computes them.
  const before: Indicators = position === 0 ? frame.indicators : r.frames[position - 1]!.indicators;
  const rows = INDICATOR_LIST.map((def) => {
    const a = frame.indicators[def.id];
    const b = before[def.id];
    return h(
      'tr',
      { attrs: { 'data-indicator': def.id } },
      h('th', { attrs: { scope: 'row' } }, def.label, def.unit === '$B/yr' ? ' ($B/yr)' : ''),
      h('td', null, fmt(b)),
      h('td', { attrs: { 'data-value': String(a) } }, fmt(a)),
      h('td', null, Math.abs(a - b) < 0.05 ? '—' : signed(a - b)),
    );
  });
  const caption =
    frame.kind === 'start' ? 'At the start' : frame.kind === 'aftermath' ? `From the end of the talks to round ${frame.round}` : position === n ? `Before this step, and at the end of round ${frame.round}, when the talks ended` : 'Before and after this step';
  body.push(
    h(
      'section',
      { attrs: { 'aria-labelledby': 'replay-indicators-title' } },
      h('h2', { id: 'replay-indicators-title' }, 'The indicators, as the model computes them'),
      h(
        'table',
        { class: 'data', id: 'replay-indicators' },
        h('caption', null, caption, ' ', estimateTag()),
        columnHeads('Indicator', 'Before', 'After', 'Change'),
        h('tbody', null, ...rows),
      ),
    ),
  );

  // Take over.
  if (canTakeOver(r, position) && next) {
    const sideButton = (side: Side) =>
      button(`Take over as ${sideInSentence(scenario.sides[side].label)}${next.side === side ? ' (to move now)' : ''}`, () => dispatch({ type: 'take-over', position, side, alternative: null }), { key: `takeover-${side}`, class: next.side === side ? undefined : 'secondary' });
    body.push(
      h(
        'section',
        { attrs: { 'aria-labelledby': 'takeover-title' } },
        h('h2', { id: 'takeover-title' }, 'Take over from here'),
        h(
          'p',
          null,
          position === 0 ? 'Play the episode from its start: ' : `The ${position} step${position === 1 ? '' : 's'} so far stay as history made ${position === 1 ? 'it' : 'them'}; `,
          `you play one side against the AI from exactly this state (same seed, ${r.seed}). Your result code records where you took over.`,
        ),
        h('div', { class: 'actions' }, sideButton(next.side), sideButton(next.side === 'us' ? 'china' : 'us')),
      ),
    );
  }

  body.push(
    h(
      'section',
      { attrs: { 'aria-labelledby': 'class-title' } },
      h('h2', { id: 'class-title' }, 'For the class'),
      h(
        'p',
        { id: 'replay-link-hint' },
        frame.kind === 'step'
          ? 'A link that opens this replay at this step, to hand to students:'
          : frame.kind === 'start'
            ? 'A link that opens this replay at its start, to hand to students:'
            : 'A link that opens this replay (at its start: a link names a step, and this is after the last one), to hand to students:',
      ),
      h(
        'div',
        { class: 'key-row' },
        ...copyableText(`${window.location.origin}${window.location.pathname}${replayLinkQuery(scenario.id, position, n)}`, {
          id: 'replay-link',
          label: 'Link to this replay',
          buttonLabel: frame.kind === 'step' ? 'Copy a link to this step' : 'Copy a link to this replay',
          buttonKey: 'replay-link-copy',
        }),
      ),
      h('p', null, 'The calibration note (what the model represents and simplifies), the discussion questions with their lessons, every decision point, the real numbers against the model, and the epilogue.'),
      h('div', { class: 'actions' }, button('Open the teaching notes', () => dispatch({ type: 'navigate', screen: 'history-notes' }), { key: 'notes' })),
      h('p', null, 'The background brief, the role briefs and the teacher’s guide, printable as handouts, and the glossary:'),
      materialsButtons(state, dispatch, scenario.id),
    ),
    h(
      'div',
      { class: 'actions' },
      backToGame(state, scenario, dispatch),
      button('All episodes', () => dispatch({ type: 'navigate', screen: 'history' }), { key: 'episodes', class: 'secondary' }),
      button('Main menu', () => dispatch({ type: 'navigate', screen: 'title' }), { key: 'menu', class: 'secondary' }),
    ),
  );

  const heading = step
    ? `${positionTitle(r, position)} · ${formatDate(step.date)} · ${scenario.sides[step.side].label}`
    : frame.kind === 'start'
      ? `The starting position · ${formatDate(scenario.dates.start)}`
      : `After the talks · the model runs on to round ${frame.round}`;
  const model: ReplayModel = {
    title: `${scenario.title}`,
    whatIf: history.kind === 'what-if',
    position,
    heading,
    headingShort: step ? `${positionTitle(r, position)} · ${formatDate(step.date)}` : frame.kind === 'start' ? heading : 'After the talks',
    account: step
      ? step.account
      : frame.kind === 'start'
        ? scenario.summary
        : `${r.aftermath?.outcomeText ?? ''} The model runs on to round ${frame.round}; what it did after the talks, and what came after, are in the panel.`,
    nodes: r.frames.map((f) => {
      const s = f.kind === 'step' ? r.steps[f.position - 1]! : null;
      return {
        kind: f.kind,
        side: s?.side ?? null,
        date: s ? shortDate(s.date) : f.kind === 'start' ? shortDate(scenario.dates.start) : '',
        decision: s !== null && s.decision !== null,
        whatIf: s?.whatIf ?? false,
      };
    }),
    charts: r.charted.map((id) => ({ id, label: chartLabel(id), unit: INDICATORS[id].unit, values: r.frames.map((f) => f.indicators[id]) })),
    labels: { us: scenario.sides.us.label, china: scenario.sides.china.label },
    decision: next?.decision?.question ?? null,
  };
  return { title: `Replay: ${scenario.title}`, body, scene: { key: 'replay', model } };
};
