import { INDICATOR_LIST, meanChanges, score } from '../../session/model';
import { THREAT_STATUS_TEXT } from '../../session/debrief';
import { CLASS_LIMITS, handInLine, type ClassDebrief } from '../../session/class-debrief';
import { dealChartFigure } from './deal-chart';
import { pairInClassText } from '../../session/class-client';
import { debriefJson, movesCsv, trajectoriesCsv } from '../../session/export';
import { button, columnHeads, download, fmt, h, signed } from '../dom';
import { debriefFrontSection } from './debrief-front';
import { notices } from './common';
import { lessonsSection } from './debrief-lessons';
import { historySection } from './history-debrief';
import { glossaryLinker } from './material-view';
import { rewindLabel, turnLine } from './moves';
import type { ScreenFn } from './screen';
import { atSentenceStart, sideInSentence } from '../../session/text';

function section(title: string, id: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { attrs: { 'aria-labelledby': id } }, h('h2', { id }, title), ...children.filter((c): c is Node => c !== null));
}

/** A section below the first screen: collapsed to its title, opened with one press. */
function collapsed(title: string, id: string, ...children: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'collapsed-section', attrs: { 'aria-labelledby': id, 'data-section': id } },
    h('details', { attrs: { 'data-keep': id } }, h('summary', { id, attrs: { 'data-key': `open-${id}` } }, title), ...children.filter((c): c is Node => c !== null)),
  );
}

/** An existing section (the history comparison), collapsed under its own heading's text. */
function collapsedNode(section: HTMLElement): HTMLElement {
  const heading = section.querySelector('h2');
  const id = heading?.id ?? 'section';
  const title = heading?.textContent ?? '';
  heading?.remove();
  const details = h('details', { attrs: { 'data-keep': id } }, h('summary', { id, attrs: { 'data-key': `open-${id}` } }, title));
  while (section.firstChild) details.appendChild(section.firstChild);
  section.appendChild(details);
  section.classList.add('collapsed-section');
  return section;
}

function pairInClassSection(pair: { debrief: ClassDebrief; mine: number; finished: number } | null): HTMLElement {
  const content: Node[] = pair
    ? [
        h('p', { id: 'pair-in-class-status', attrs: { role: 'status' } }, pairInClassText(pair.finished)),
        dealChartFigure(pair.debrief.chart, { id: 'pair-in-class-chart', emphasise: [pair.mine] }),
      ]
    : [h('p', { id: 'pair-in-class-status', attrs: { role: 'status' } }, 'Asking the class server for the pairs that have finished…')];
  return h('section', { id: 'pair-in-class', attrs: { 'aria-labelledby': 'pair-in-class-title' } }, h('h2', { id: 'pair-in-class-title' }, 'Your pair in the class'), ...content);
}

export const debriefScreen: ScreenFn = (state, dispatch) => {
  const match = state.match;
  // The debrief is computed as the screen is entered (the actions keep it); a rewind makes it stale.
  if (!match?.ended || !state.debrief || state.debrief.key !== JSON.stringify(match.spec)) return null;
  const d = state.debrief.debrief;
  const scenario = d.scenario;
  const them = scenario.sides[d.opponent].label;
  const body: Node[] = [...notices(state.notices)];

  // The first screen: outcome, both ratings, the deal chart, the moves that mattered, a question.
  body.push(debriefFrontSection(d, state.debrief.front));
  // At a class table: where this pair sits among the class's finished games, kept up as they finish.
  if (match.remoteSide) body.push(pairInClassSection(state.liveClass.pairChart ?? null));
  body.push(h('h2', { class: 'below-front' }, 'More about this game'));
  body.push(
    h(
      'p',
      { class: 'hint' },
      d.outcome.kind === 'deal'
        ? `The talks ended in round ${d.talksEnded}; the model ran on to round ${scenario.horizon}, and every score averages over all ${scenario.horizon} rounds.`
        : `The talks ended in round ${d.talksEnded} with no deal: every measure in force stayed in force and every pending threat was carried out; the model ran on to round ${scenario.horizon}, and every score averages over all of it.`,
    ),
  );

  body.push(lessonsSection(scenario, match.spec, glossaryLinker(state, dispatch)));

  // A game of a real episode (played from its start or taken over from its replay): beside history.
  const hd = state.debrief.history;
  if (hd) body.push(collapsedNode(historySection(d, hd, dispatch)));

  // Scores.
  const rows = d.scores.map(({ doctrine, score: s, chosen }) =>
    h(
      'tr',
      { attrs: { 'data-doctrine': doctrine.id } },
      h('th', { attrs: { scope: 'row' } }, doctrine.label, chosen ? h('span', { class: 'tag' }, 'your doctrine') : null),
      h('td', { attrs: { 'data-score': String(s.total) } }, signed(s.total)),
      h('td', { class: 'text' }, s.parts.filter((p) => Math.abs(p.points) >= 0.05).sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, 3).map((p) => `${INDICATOR_LIST.find((i) => i.id === p.indicator)!.short} ${signed(p.points)}`).join(', ') || '—'),
    ),
  );
  const scoreFigures = d.figures.filter((f) => f.kind === 'score');
  body.push(
    collapsed(
      `Doctrine scores: ${sideInSentence(scenario.sides[d.side].label)} under each doctrine, ${sideInSentence(them)} under its own`,
      'scores-title',
      h('p', { class: 'hint' }, 'From −100 (everything the doctrine cares about at its worst) to +100. The same game reads differently depending on what you value; the ratings above rest on these scores.'),
      h('ul', { class: 'plain', attrs: { 'data-figures': 'scores' } }, ...scoreFigures.map((f) => h('li', { attrs: { 'data-score-side': f.side ?? '' } }, h('strong', null, `${f.label}: ${f.text}. `), f.explanation))),
      h(
        'table',
        { class: 'data', id: 'scores' },
        h('caption', null, 'Scores and what drove them'),
        h('thead', null, h('tr', null, h('th', { attrs: { scope: 'col' } }, 'Doctrine'), h('th', { attrs: { scope: 'col' } }, 'Score'), h('th', { class: 'text', attrs: { scope: 'col' } }, 'Biggest contributions'))),
        h('tbody', null, ...rows),
      ),
    ),
  );

  // The counterfactual.
  const cf = d.counterfactual;
  if (cf) {
    const cfChanges = meanChanges(cf.final);
    const diffRows = INDICATOR_LIST.filter((i) => Math.abs(cfChanges[i.id] - d.changes[i.id]) >= 0.05).map((i) =>
      h('tr', null, h('th', { attrs: { scope: 'row' } }, i.label), h('td', null, signed(d.changes[i.id])), h('td', null, signed(cfChanges[i.id]))),
    );
    body.push(
      collapsed(
        'The chip that mattered most',
        'cf-title',
        h(
          'p',
          null,
          `The same game, same seed, with “${cf.issueLabel}” kept off the table (${cf.chipLabels.join('; ')}): `,
          h('strong', null, `${cf.final.outcome?.kind === 'deal' ? `a deal in round ${cf.final.outcome.round}` : cf.final.outcome?.kind === 'walkout' ? `a walkout in round ${cf.final.outcome.round}` : 'no deal by the deadline'}`),
          `, and your score as a ${d.scores[0]!.doctrine.label} would be `,
          h('strong', { attrs: { 'data-cf-score': String(cf.without) } }, signed(cf.without)),
          signed(cf.without) === signed(cf.actual) ? ', the same as played: without it the score would hardly change.' : ` instead of ${signed(cf.actual)}.`,
        ),
        cf.adjustments.length > 0 ? h('p', { class: 'hint' }, `To keep the moves legal without it: ${cf.adjustments.join('; ')}.`) : null,
        d.scores.length > 1
          ? h('p', null, 'Under the other doctrines: ', d.scores.slice(1).map((s) => { const w = signed(score(cf.final, s.doctrine).total); const a = signed(s.score.total); return w === a ? `${s.doctrine.label} ${a}, unchanged` : `${s.doctrine.label} ${w} instead of ${a}`; }).join('; '), '.')
          : null,
        diffRows.length > 0
          ? h(
              'table',
              { class: 'data' },
              h('caption', null, 'Average change of each indicator: as played, and without that chip'),
              columnHeads('Indicator', 'As played', 'Without it'),
              h('tbody', null, ...diffRows),
            )
          : null,
      ),
    );
  } else {
    body.push(collapsed('The chip that mattered most', 'cf-title', h('p', null, 'No chip was ever put on the table, so there is no counterfactual to play.')));
  }

  // Trajectories as a table (the charts are on the canvas).
  const trajRows = d.trajectories.map((t) => {
    const v = t.values;
    return h(
      'tr',
      { attrs: { 'data-indicator': t.indicator.id } },
      h('th', { attrs: { scope: 'row' } }, t.indicator.label),
      h('td', null, fmt(v[0]!)),
      h('td', null, fmt(v[Math.min(d.talksEnded, v.length - 1)]!)),
      h('td', { attrs: { 'data-final': String(v[v.length - 1]) } }, fmt(v[v.length - 1]!)),
      h('td', { attrs: { 'data-mean-change': String(d.changes[t.indicator.id]) } }, signed(d.changes[t.indicator.id])),
      hd ? h('td', { attrs: { 'data-history-final': String(hd.trajectories[t.indicator.id].at(-1)) } }, fmt(hd.trajectories[t.indicator.id].at(-1)!)) : null,
    );
  });
  body.push(
    collapsed(
      'Indicators over the game',
      'traj-title',
      h(
        'table',
        { class: 'data', id: 'trajectories' },
        h('caption', null, 'Start, end of the talks, end of the game, and average change (what the scores weigh)'),
        columnHeads(
          'Indicator',
          'Start',
          `Round ${d.talksEnded}`,
          `Round ${scenario.horizon}`,
          'Avg change',
          hd ? `History, round ${scenario.horizon}` : null,
        ),
        h('tbody', null, ...trajRows),
      ),
    ),
  );

  // The AI revealed.
  if (d.opponentIsAi && d.aiProfile) {
    body.push(
      collapsed(
        `${atSentenceStart(sideInSentence(them))}, revealed`,
        'ai-title',
        h('p', null, `The AI played “${d.aiProfile.label}”, judging by the ${d.aiProfile.doctrine.label} doctrine: ${d.aiProfile.doctrine.summary}`, d.aiProfile.description ? ` ${d.aiProfile.description}` : ''),
        h('h3', null, 'Its hidden red lines'),
        d.redLines.length === 0
          ? h('p', null, 'None: everything could be bargained for.')
          : h('ul', { class: 'plain' }, ...d.redLines.map((r) => h('li', null, h('strong', null, `${r.issueLabel}: `), `never ${r.never.join(' or ')}`, r.why ? h('span', { class: 'hint' }, ` (${r.why})`) : null))),
        h('h3', null, 'Its ledger: threats and promises against actions'),
        d.ledger.length === 0
          ? h('p', null, 'The AI recorded no threats or promises of its own in this game.')
          : h('ul', { class: 'plain' }, ...d.ledger.map((e) => h('li', null, h('strong', null, `Round ${e.round}, ${e.kind}: `), e.text, ` — ${e.status === 'partly-kept' ? 'partly kept' : e.status}.`))),
      ),
    );
  }
  if (d.threats.length > 0) {
    body.push(collapsed('Threats made in this game', 'threats-title', h('ul', { class: 'plain' }, ...d.threats.map((t) => h('li', null, t.text, h('strong', null, ` ${THREAT_STATUS_TEXT[t.status]}.`))))));
  }

  // Moves.
  body.push(
    collapsed(
      'Every move',
      'moves-title',
      h('ol', { class: 'plain' }, ...match.turns().map((t) => h('li', { attrs: { 'data-by': t.by } }, ...turnLine(match, t), t.ai ? h('span', { class: 'hint' }, ` In its words: ${t.ai.say}`) : null))),
    ),
  );

  // Result code and exports.
  const codeInput = h('input', { id: 'result-code', attrs: { type: 'text', readonly: true, 'aria-labelledby': 'code-title', 'aria-describedby': 'code-hint' }, value: d.resultCode });
  // What a student hands in: the name typed here, then the code (the class page reads both back).
  // The name is kept when Copy is pressed, not on each change: a re-drawn panel would swallow the click.
  const nameInput = h('input', {
    id: 'student-name',
    attrs: { type: 'text', maxlength: CLASS_LIMITS.nameChars, autocomplete: 'name', spellcheck: 'false', 'aria-describedby': 'student-name-hint', 'data-key': 'student-name' },
    value: state.studentName,
  });
  body.push(
    section(
      'Result code',
      'code-title',
      h('p', { id: 'code-hint', class: 'hint' }, 'This code holds the whole game (scenario, seed, options, moves). Hand it in, or paste it into “Load a result code” to see this debrief again.'),
      h('label', { attrs: { for: 'student-name' } }, 'Your name (for your teacher; it goes with the code you copy)'),
      nameInput,
      h('p', { id: 'student-name-hint', class: 'hint' }, state.studentName ? `You hand in: “${state.studentName}: ” and the code.` : 'Leave it empty to copy the code alone.'),
      h(
        'div',
        { class: 'code-box' },
        codeInput,
        button(
          'Copy',
          () => {
            const handIn = handInLine(nameInput.value, d.resultCode);
            dispatch({ type: 'set-student-name', name: nameInput.value });
            void navigator.clipboard?.writeText(handIn).then(
              () => dispatch({ type: 'announce', text: 'The result code is copied.' }),
              () => dispatch({ type: 'announce', text: 'Copying failed: select the code and copy it by hand.' }),
            );
          },
          { key: 'copy-code', class: 'secondary no-print' },
        ),
      ),
    ),
  );
  const fileBase = `bargaining-chips-${scenario.id}-${d.spec.seed}`.replace(/[^A-Za-z0-9._-]+/g, '-');
  body.push(
    h(
      'section',
      { class: 'no-print', attrs: { 'aria-labelledby': 'export-title' } },
      h('h2', { id: 'export-title' }, 'Export and play again'),
      h(
        'div',
        { class: 'actions' },
        button('Download JSON', () => download(`${fileBase}.json`, 'application/json', debriefJson(d)), { key: 'export-json', class: 'secondary' }),
        button('Download indicators (CSV)', () => download(`${fileBase}-indicators.csv`, 'text/csv;charset=utf-8', trajectoriesCsv(d)), { key: 'export-csv', class: 'secondary' }),
        button('Download moves (CSV)', () => download(`${fileBase}-moves.csv`, 'text/csv;charset=utf-8', movesCsv(scenario, d.spec, match.aiNotes)), { key: 'export-moves-csv', class: 'secondary' }),
        button('Print this debrief', () => window.print(), { key: 'print', class: 'secondary' }),
      ),
      h(
        'details',
        null,
        h('summary', { attrs: { 'data-key': 'rewind-summary' } }, 'Rewind: go back to a round and try another path'),
        h('div', { class: 'stack' }, ...match.rewindPoints().map((p) => button(rewindLabel(p), () => dispatch({ type: 'rewind', round: p.round }), { key: `rewind-${p.round}`, class: 'secondary' }))),
      ),
      h(
        'div',
        { class: 'actions' },
        button('New game, same setup', () => dispatch({ type: 'new-game-same-setup' }), { key: 'new-game' }),
        state.backToClass ? button(state.backToClass === 'class-page' ? 'Back to the class page' : 'Back to your class', () => dispatch({ type: 'navigate', screen: state.backToClass! }), { key: 'back-to-class', class: 'secondary' }) : null,
        button('Main menu', () => dispatch({ type: 'navigate', screen: 'title' }), { key: 'menu', class: 'secondary' }),
      ),
    ),
  );

  const doctrine = d.scores[0]!.doctrine;
  return {
    title: `Debrief. ${d.outcomeText}`,
    body,
    scene: {
      key: 'debrief',
      model: {
        title: `${scenario.title}: ${d.outcomeText}`,
        trajectories: d.trajectories.map((t) => ({
          id: t.indicator.id,
          label: t.indicator.label,
          unit: t.indicator.unit,
          values: t.values,
          // With history beside the game, the charts show the two of them; the counterfactual stays in its section.
          without: cf && !hd ? cf.final.trajectory.map((r) => r.indicators[t.indicator.id]) : null,
          history: hd ? hd.trajectories[t.indicator.id] : null,
          weight: doctrine.weights[t.indicator.id] ?? 0,
        })),
        talksEnded: d.talksEnded,
        withoutLabel: cf && !hd ? `without “${cf.issueLabel}”` : null,
        historyLabel: hd ? `history (same seed)` : null,
        historyTalksEnded: hd ? hd.historyTalksEnded : null,
      },
    },
  };
};
