import { deadlineOf, doctrineFor, INDICATORS, otherSide, projectPackage } from '../../session/model';
import type { IndicatorId, Package, Side } from '../../core/types';
import { assessDraft, chipsFor, escalationMoves, type Chip, type ChipGroup } from '../../session/draft';
import type { Turn } from '../../session/match';
import { atSentenceStart, CATEGORY_LABELS, describeMove, formatDate, packageItems, possessive, POSTURES, sideInSentence } from '../../session/text';
import { button, columnHeads, fmt, h, signed } from '../dom';
import type { TableModel } from '../scenes/table';
import type { Dispatch } from '../state/actions';
import type { ReadonlyMatch, ViewState } from '../state/app-state';
import { backToHistory, categoryHeading, categoryIcon, notices } from './common';
import { changeLines, driftLines, newsItems } from './explanations';
import { moveSummary } from '../../session/move-summary';
import { LEVER_ROLE_TEXT, leversFor, mainChartFor, type LeverChip } from '../../session/perspective';
import { rewindLabel, turnLine } from './moves';
import type { ScreenFn, ScreenView } from './screen';
import { estimateTag } from './figures';
import { classConnectionNote, classCountdown, classNewsNote, classNotKeptNote, classRoundNote, classTeamNote } from './class-table';
import { glossaryLinker } from './material-view';
import { changeItems, chipFigures, newsTag, packageFigureTag, projectionSources } from './table-figures';
import { chipFigureKinds } from '../figure-sources';

/** The table as its parts read it: the state, with a match. */
type TableState = ViewState & { readonly match: ReadonlyMatch };

/** The table's DOM half: the offer on the table, the package builder, the projection, every move. */
export const tableScreen: ScreenFn = (state, dispatch) => (state.match ? tableView(state as TableState, dispatch) : null);

/** Whose turn it is, in the status line. A class table the teacher paused invites no move, even on this seat's turn. */
function turnText(table: TableState, yourTurn: boolean, paused: boolean, them: string): string {
  if (table.match.ended) return 'The talks are over.';
  if (table.liveClass.live?.pending) return 'Your move is on its way to the class server…';
  if (yourTurn) return paused ? 'The class is paused: no move until the teacher resumes it.' : 'Your move.';
  if (table.match.remoteSide) return `Waiting for ${them}${paused ? ' (the teacher has paused the tables)' : ''}.`;
  return `${atSentenceStart(them)} is thinking.`;
}

function tableView(table: TableState, dispatch: Dispatch): ScreenView {
  const match = table.match;
  const scenario = match.scenario;
  const state = match.state;
  const side = match.playerSide ?? 'us';
  const opponent = otherSide(side);
  const them = sideInSentence(scenario.sides[opponent].label);
  const yourTurn = match.humanToMove() === side;
  const paused = !!match.remoteSide && table.liveClass.live?.table?.paused === true;
  const doctrine = doctrineFor(scenario, state.options, side);
  const lastMove = match.turns().at(-1);
  const { offers, asks } = chipsFor(scenario, match.ended && state.outcome?.kind === 'deal' && lastMove ? match.stateBefore(lastMove.index) : state, side);
  const postures = match.postures();
  const body: Node[] = [];

  body.push(
    h(
      'div',
      { class: 'status' },
      h('span', { class: 'turn', attrs: { 'data-waiting': !match.ended && (!yourTurn || paused) && match.remoteSide ? 'true' : null } }, turnText(table, yourTurn, paused, them)),
      h('span', null, `You: ${scenario.sides[side].label}, ${doctrine.label}.`),
      h('span', null, `Deadline: end of round ${deadlineOf(scenario, state.options)}.`),
      classCountdown(table, Date.now()),
    ),
    ...[classConnectionNote(table), classNotKeptNote(table), classRoundNote(table), classTeamNote(table), classNewsNote(table)].filter((n): n is HTMLElement => n !== null),
    h('p', { class: 'hint' }, `${atSentenceStart(them)} ${/^has /.test(POSTURES[postures[opponent]].meaning) ? '' : 'is '}${POSTURES[postures[opponent]].meaning}. Tension stands at ${fmt(state.indicators.tension)} of 10.`, ' ', estimateTag()),
  );
  if (match.branch) body.push(branchNote(match, dispatch));
  body.push(...notices(table.notices));

  if (match.ended && state.outcome?.kind === 'deal') body.push(dealSection(table));
  if (match.ended) {
    body.push(
      h('div', { class: 'actions' }, button('See the debrief', () => dispatch({ type: 'navigate', screen: 'debrief' }), { key: 'to-debrief', attrs: { 'data-focus-after-move': '' } })),
    );
  }

  const offerStands = !match.ended && state.standing !== null && state.standing.by === opponent;
  // A paused class table invites no move: its buttons go until the teacher resumes (a package may still be built).
  const canMove = yourTurn && !paused;
  if (!match.ended) body.push(standingSection(table, dispatch, canMove));
  body.push(...report(table, table.lastTurns, !offerStands, glossaryLinker(table, dispatch)));

  if (!match.ended) {
    body.push(packageSection(table, dispatch, offers, asks, yourTurn, paused));
    if (Object.keys(table.draft).length > 0) body.push(projectionSection(table));
    body.push(otherMovesSection(table, dispatch, canMove, yourTurn && paused));
  }
  body.push(newsSection(table));
  body.push(logSection(table, dispatch));

  // After a deal the canvas shows the deal and its projected effect from the moment it was struck,
  // not the end of the game the model ran on to (which is the debrief's).
  const lastTurn = match.turns().at(-1);
  const dealt = match.ended && state.outcome?.kind === 'deal' && lastTurn !== undefined;
  const shown = dealt ? match.stateBefore(lastTurn.index) : state;
  const standingChips: Chip[] = shown.standing
    ? packageItems(scenario, shown, shown.standing.package).map((i) => ({
        id: `${i.issue}=${i.position}`,
        issue: i.issue,
        position: i.position,
        issueLabel: i.issueLabel,
        positionLabel: i.positionLabel,
        category: i.category,
        holder: i.holder,
        role: i.holder === side ? 'offer' : 'ask',
      }))
    : [];
  const model: TableModel = {
    side,
    opponent,
    labels: { us: scenario.sides.us.label, china: scenario.sides.china.label },
    round: state.round,
    rounds: deadlineOf(scenario, state.options),
    ended: match.ended,
    yourTurn,
    postures,
    offers,
    asks,
    draft: table.draft,
    standing: shown.standing ? { by: shown.standing.by, chips: standingChips } : null,
    now: shown.indicators,
    history: shown.trajectory.map((r) => r.indicators),
    tradeIndicator: side === 'us' ? 'us.tradeGains' : 'china.tradeGains',
    chart: mainChart(doctrine),
    projection: Object.keys(table.draft).length > 0 ? projectPackage(scenario, state, table.draft) : null,
    standingProjection: shown.standing && (dealt || shown.standing.by === opponent) ? projectPackage(scenario, shown, shown.standing.package) : null,
    deal: dealt,
    weights: doctrine.weights,
    chipFigures: chipFigureKinds(scenario, [...offers, ...asks].flatMap((g) => g.chips).concat(standingChips)),
    moveKey: table.matchVersion,
  };
  const title = match.ended ? `${scenario.title}: the talks are over` : `Round ${state.round} of ${deadlineOf(scenario, state.options)}`;
  // A move changes a few parts of a long panel: it is patched in place, not rebuilt.
  return { title, body, scene: { key: 'table', model }, patch: true };
}

function section(title: string, id: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { attrs: { 'aria-labelledby': id } }, h('h2', { id, attrs: { tabindex: -1 } }, title), ...children.filter((c): c is Node => c !== null));
}

/** What just happened: each move in a sentence, the AI's stated reason, and the core's explanations. */
function report(table: TableState, turns: readonly Turn[], takesFocus: boolean, link: (text: string) => Node[]): Node[] {
  const match = table.match;
  if (turns.length === 0) return [];
  const scenario = match.scenario;
  const items = turns.map((t) => {
    const sentence = describeMove(scenario, t.move, match.stateBefore(t.index), match.playerSide);
    const changes = changeLines(t);
    const drift = driftLines(scenario, t);
    return h(
      'li',
      null,
      h('p', null, h('strong', null, `Round ${t.round}: `), ...link(sentence)),
      t.alternative ? h('p', { class: 'reason' }, `The alternative chosen at the decision point: “${t.alternative}”.`) : null,
      t.ai ? h('p', { class: 'reason' }, `In ${possessive(sideInSentence(scenario.sides[t.move.side].label))} words: ${t.ai.say}`) : null,
      // Plain words first; the model's draws one press away.
      h('p', { class: 'move-plain', attrs: { 'data-plain': '' } }, moveSummary(scenario, t.explanations)),
      t.ai ? h('details', { attrs: { 'data-keep': `analysis-${t.index}` } }, h('summary', null, 'The analysis behind it'), h('p', null, t.ai.analysis)) : null,
      changes.length > 0
        ? h('details', { attrs: { 'data-keep': `changes-${t.index}` } }, h('summary', null, `Details: every change and the model’s draws (${changes.length})`), h('ul', { class: 'plain' }, ...changeItems(scenario, t, (kind) => SHOWN.has(kind))))
        : null,
      drift.length > 0 ? h('details', null, h('summary', null, 'Running costs of the measures in force ', estimateTag()), h('ul', { class: 'plain' }, ...drift.map((line) => h('li', null, line, ' ', estimateTag())))) : null,
    );
  });
  return [
    h(
      'section',
      { class: 'report', attrs: { 'aria-labelledby': 'report-title' } },
      h('h2', { id: 'report-title', attrs: { tabindex: -1, 'data-focus-after-move': takesFocus ? '' : null } }, 'What just happened'),
      h('ol', null, ...items),
    ),
  ];
}

/** The kinds "what changed and why" lists (as changeLines does). */
const SHOWN: ReadonlySet<string> = new Set(['effect', 'expiry', 'event', 'threat', 'ratification', 'outcome']);

function standingSection(table: TableState, dispatch: Dispatch, yourTurn: boolean): HTMLElement {
  const match = table.match;
  const scenario = match.scenario;
  const state = match.state;
  const side = match.playerSide ?? 'us';
  const them = sideInSentence(scenario.sides[otherSide(side)].label);
  const standing = state.standing;
  if (!standing) return section('On the table', 'standing-title', h('p', null, 'No offer is on the table. Build a package below and propose it, or make no offer this round.'));
  if (standing.by === side) return section('On the table', 'standing-title', h('p', null, `Your offer is on the table; ${them} has not answered it yet.`));
  const items = packageItems(scenario, state, standing.package);
  const assessment = assessDraft(scenario, state, side, standing.package);
  const passes = assessment.ratification[side];
  const theirs = assessment.ratification[otherSide(side)];
  const offer = section(
    `${atSentenceStart(possessive(them))} offer`,
    'standing-title',
    h(
      'div',
      { class: 'offer-box' },
      h(
        'ul',
        { class: 'plain' },
        ...items.map((i) => h('li', null, categoryIcon(i.category), h('strong', null, `${i.issueLabel}: `), i.positionLabel, h('span', { class: 'hint' }, ` (now: ${i.currentLabel}; ${i.holder === side ? 'you give' : 'they give'})`, packageFigureTag(scenario, i.issue, i.position)))),
      ),
      h(
        'p',
        null,
        `Worth to you, judged by your “${doctrineFor(scenario, state.options, side).label}” doctrine: `,
        worthText(assessment.worth),
        `. At home it would ${passes.ratified ? 'pass' : 'fail'} (your support ${fmt(passes.projected)}, needs ${passes.threshold})${theirs.ratified ? '' : `; in ${them} it would fail (${fmt(theirs.projected)} against ${theirs.threshold})`}. `,
        estimateTag(),
      ),
      yourTurn
        ? h(
            'div',
            { class: 'actions' },
            button('Accept their offer', () => dispatch({ type: 'play', move: { type: 'accept', side } }), { key: 'accept' }),
            button('Reject it', () => dispatch({ type: 'play', move: { type: 'reject', side } }), { key: 'reject', class: 'secondary' }),
            button('Counter: start from their offer', () => dispatch({ type: 'counter-from-standing' }), { key: 'counter-from', class: 'secondary' }),
          )
        : null,
    ),
  );
  offer.querySelector('h2')!.setAttribute('data-focus-after-move', '');
  return offer;
}

function worthText(worth: number): HTMLElement {
  const cls = worth > 0.05 ? 'good' : worth < -0.05 ? 'bad' : '';
  const word = worth > 0.05 ? '▲ gain' : worth < -0.05 ? '▼ loss' : 'about even';
  return h('span', { class: cls }, `${signed(worth, 2)} points (${word})`);
}

function chipButton(table: TableState, dispatch: Dispatch, chip: Chip, currentLabel: string, enabled: boolean, lever?: LeverChip): HTMLElement {
  const pressed = table.draft[chip.issue] === chip.position;
  // What the chip does for you, from your side of the table (a lever you hold may still be something you get).
  const role = lever ? h('span', { class: `lever-role role-${lever.role}`, attrs: { 'data-role': lever.role, title: lever.explanation } }, LEVER_ROLE_TEXT[lever.role]) : null;
  return h(
    'li',
    null,
    button(
      [h('span', { class: 'mark', attrs: { 'aria-hidden': 'true' } }), h('span', null, chip.positionLabel, h('span', { class: 'issue' }, `${chip.issueLabel} · in force now: ${currentLabel}`), role)],
      () => dispatch({ type: 'set-chip', issue: chip.issue, position: chip.position, inPackage: !pressed }),
      { key: `chip-${chip.id}`, class: 'chip-toggle', attrs: { 'aria-pressed': pressed ? 'true' : 'false', 'data-chip': chip.id }, disabled: !enabled },
    ),
  );
}

function chipGroups(table: TableState, dispatch: Dispatch, groups: ChipGroup[], enabled: boolean, levers: ReadonlyMap<string, LeverChip>): Node[] {
  const match = table.match;
  const scenario = match.scenario;
  return groups.map((g) =>
    h(
      'div',
      { class: 'chip-group' },
      categoryHeading('h3', g.category),
      h(
        'ul',
        { class: 'chip-list', attrs: { 'aria-label': CATEGORY_LABELS[g.category] } },
        ...g.chips.map((chip) => {
          const issue = scenario.issues.find((i) => i.id === chip.issue)!;
          const current = issue.positions.find((p) => p.id === match.state.positions[chip.issue])!;
          return chipButton(table, dispatch, chip, current.label, enabled, levers.get(chip.id));
        }),
      ),
    ),
  );
}

function packageSection(table: TableState, dispatch: Dispatch, offers: ChipGroup[], asks: ChipGroup[], yourTurn: boolean, paused: boolean): HTMLElement {
  const match = table.match;
  const scenario = match.scenario;
  const state = match.state;
  const side = match.playerSide ?? 'us';
  const them = sideInSentence(scenario.sides[otherSide(side)].label);
  const draft: Package = table.draft;
  const items = packageItems(scenario, state, draft);
  const assessment = assessDraft(scenario, state, side, draft);
  const countering = state.standing !== null && state.standing.by !== side;
  const levers = new Map(leversFor(scenario, state, side).flatMap((i) => i.chips.map((c) => [`${c.issue}=${c.position}`, c] as const)));
  return section(
    'Build your package',
    'package-title',
    h('p', { class: 'hint' }, 'Pick what you offer and what you ask for: press a chip here, or drag it onto the table. One position per issue; press it again to take it off.'),
    h('p', { class: 'hint' }, 'Each chip says what it does for you, judged by your doctrine against what is in force now: you give, you get, a gain for both, or a cost without gain.'),
    h('fieldset', null, h('legend', null, 'Your levers (you move them)'), ...chipGroups(table, dispatch, offers, yourTurn, levers)),
    h('fieldset', null, h('legend', null, `${atSentenceStart(possessive(them))} levers (you ask for them)`), ...chipGroups(table, dispatch, asks, yourTurn, levers)),
    chipFigures(scenario, [...offers, ...asks]),
    h('h3', { id: 'draft-title' }, items.length === 0 ? 'Your package is empty' : `Your package: ${items.length} ${items.length === 1 ? 'item' : 'items'}`),
    items.length > 0
      ? h('ul', { class: 'package-summary', attrs: { 'aria-labelledby': 'draft-title' } }, ...items.map((i) => h('li', null, `${i.holder === side ? 'You offer' : 'You ask'}: ${i.issueLabel}: ${i.positionLabel}`)))
      : null,
    yourTurn && assessment.problem && items.length > 0 ? h('p', { class: 'bad' }, `Cannot be proposed: ${assessment.problem}.`) : null,
    yourTurn
      ? h(
          'div',
          { class: 'actions' },
          button(countering ? 'Counter with this package' : 'Propose this package', () => dispatch({ type: 'play', move: { type: 'propose', side, package: draft } }), {
            key: 'propose',
            disabled: assessment.problem !== null || paused,
          }),
          button('Clear the package', () => dispatch({ type: 'clear-draft' }), { key: 'clear', class: 'secondary', disabled: items.length === 0 }),
        )
      : null,
    yourTurn && paused ? h('p', { class: 'hint' }, 'You may build your package; it can be sent once the teacher resumes the tables.') : null,
  );
}

function projectionSection(table: TableState): HTMLElement {
  const match = table.match;
  const scenario = match.scenario;
  const state = match.state;
  const side = match.playerSide ?? 'us';
  const doctrine = doctrineFor(scenario, state.options, side);
  const a = assessDraft(scenario, state, side, table.draft);
  const rows = a.projections.map((p) => {
    const def = INDICATORS[p.indicator];
    const w = doctrine.weights[p.indicator as IndicatorId] ?? 0;
    return h(
      'tr',
      null,
      h('th', { attrs: { scope: 'row' } }, w !== 0 ? '★ ' : '', def.label),
      h('td', null, fmt(state.indicators[p.indicator])),
      h('td', null, signed(p.mean)),
      h('td', null, `${signed(p.low)} to ${signed(p.high)}`),
      h('td', null, signed(p.average)),
    );
  });
  const rat = (s: Side) => {
    const r = a.ratification[s];
    return h('li', null, `${scenario.sides[s].label}: ${r.ratified ? '✓ would pass' : '✕ would fail'} (domestic support ${fmt(r.projected)}, needs ${r.threshold})`);
  };
  return section(
    'Projected effect of your package',
    'projection-title',
    h('p', null, `Worth to you, judged by your “${doctrine.label}” doctrine: `, worthText(a.worth), '. This is the expected change of your score over the whole game if the package came into force now. ', estimateTag()),
    h('p', null, 'Would it pass at home?'),
    h('ul', { class: 'plain' }, rat(side), rat(otherSide(side))),
    h(
      'table',
      { class: 'data' },
      h('caption', null, 'Expected change once in force, with its 10–90% range (★ counts in your score) ', estimateTag()),
      columnHeads('Indicator', 'Now', 'Change', '10–90%', 'Average to the end'),
      h('tbody', null, ...rows),
    ),
    projectionSources(scenario, a.projections, table.draft),
  );
}

function otherMovesSection(table: TableState, dispatch: Dispatch, yourTurn: boolean, pausedOnYourTurn = false): HTMLElement {
  const match = table.match;
  const scenario = match.scenario;
  const state = match.state;
  const side = match.playerSide ?? 'us';
  if (pausedOnYourTurn) return section('Other moves', 'other-title', h('p', null, 'Your moves wait until the teacher resumes the tables.'));
  if (!yourTurn) return section('Other moves', 'other-title', h('p', null, 'Wait for the other side to move.'));
  const canHold = match.check({ type: 'hold', side }) === null;
  const escalations = escalationMoves(scenario, state, side);
  const byIssue = new Map<string, typeof escalations>();
  for (const m of escalations) byIssue.set(`${m.issue}=${m.position}`, [...(byIssue.get(`${m.issue}=${m.position}`) ?? []), m]);
  const escalationList = h(
    'ul',
    { class: 'plain' },
    ...[...byIssue.values()].map((moves) => {
      const first = moves[0]!;
      const issue = scenario.issues.find((i) => i.id === first.issue)!;
      const position = issue.positions.find((p) => p.id === first.position)!;
      return h(
        'li',
        null,
        // The measure is the buttons' description, not their name: a speech-input user says the words on the button.
        h('p', { id: `escalate-${first.issue}-${first.position}` }, categoryIcon(issue.category), h('strong', null, position.label), ` (${issue.label}). Tension +${fmt(position.tension ?? 1)} if imposed.`),
        h(
          'div',
          { class: 'actions' },
          ...moves.map((m) =>
            button(m.type === 'threaten' ? 'Threaten it' : 'Impose it now', () => dispatch({ type: 'play', move: m }), {
              key: `${m.type}-${m.issue}-${m.position}`,
              class: 'secondary',
              attrs: { 'aria-describedby': `escalate-${first.issue}-${first.position}` },
            }),
          ),
        ),
      );
    }),
  );
  const walkout = table.confirmingWalkout
    ? h(
        'div',
        { class: 'confirm', attrs: { role: 'group', 'aria-labelledby': 'walkout-q' } },
        h('p', { id: 'walkout-q' }, 'Walk out for good? The talks end with no deal, any pending threats are carried out, and tension rises.'),
        h(
          'div',
          { class: 'actions' },
          button('Yes, walk out', () => dispatch({ type: 'play', move: { type: 'walkout', side } }), { key: 'walkout-confirm', class: 'danger' }),
          button('Stay at the table', () => dispatch({ type: 'cancel-walkout' }), { key: 'walkout-cancel', class: 'secondary' }),
        ),
      )
    : null;
  return section(
    'Other moves',
    'other-title',
    h(
      'div',
      { class: 'actions' },
      canHold ? button('Make no offer this round', () => dispatch({ type: 'play', move: { type: 'hold', side } }), { key: 'hold', class: 'secondary' }) : null,
      button('Walk out…', () => dispatch({ type: 'ask-walkout' }), { key: 'walkout', class: 'danger' }),
    ),
    walkout,
    escalations.length > 0
      ? h(
          'details',
          null,
          h('summary', { attrs: { 'data-key': 'escalate' } }, `Escalate: threaten or impose a measure (${byIssue.size})`),
          h('p', { class: 'hint' }, `A threat gives ${sideInSentence(scenario.sides[otherSide(side)].label)} ${scenario.threatWindow} rounds; if there is no deal by then and you do not act, you pay ${scenario.sides[side].audienceCost} points of support at home. An imposed measure takes effect at once.`),
          escalationList,
        )
      : null,
  );
}

function newsSection(table: TableState): HTMLElement {
  const match = table.match;
  // What the model ran on to after the talks is the debrief's story, not the table's.
  const ended = match.state.outcome?.round;
  const news = newsItems(match.turns()).filter((n) => ended === undefined || n.round <= ended);
  return section(
    'News',
    'news-title',
    news.length === 0 ? h('p', { class: 'hint' }, 'No news yet. Events, expiring measures and threats falling due appear here.') : h('ul', { class: 'plain news' }, ...news.map((n) => h('li', null, h('strong', null, n.round > deadlineOf(match.scenario, match.state.options) || (match.ended && n.round > (match.state.outcome?.round ?? 0)) ? `After the talks, round ${n.round}: ` : `Round ${n.round}: `), n.text, newsTag(match.scenario, n.explanation)))),
  );
}

function logSection(table: TableState, dispatch: Dispatch): HTMLElement {
  const match = table.match;
  const turns = match.turns();
  const points = match.rewindPoints().filter((p) => p.takeover || p.round < match.state.round || match.ended);
  return section(
    'Moves so far',
    'log-title',
    turns.length === 0
      ? h('p', { class: 'hint' }, 'No moves yet.')
      : h(
          'div',
          { class: 'log' },
          h('ol', null, ...turns.map((t) => h('li', { attrs: { 'data-by': t.by } }, ...turnLine(match, t)))),
        ),
    points.length > 0 || turns.some((t) => t.by === 'human')
      ? h(
          'details',
          null,
          h('summary', { attrs: { 'data-key': 'rewind-summary' } }, 'Rewind: go back and try another path'),
          h('p', { class: 'hint' }, 'The game is its list of moves: going back drops the later ones and you play on from there. The same seed keeps chance the same.'),
          h(
            'div',
            { class: 'stack' },
            turns.some((t) => t.by === 'human') && !match.ended ? button('Undo my last move', () => dispatch({ type: 'undo' }), { key: 'undo', class: 'secondary' }) : null,
            ...points.map((p) => button(rewindLabel(p), () => dispatch({ type: 'rewind', round: p.round }), { key: `rewind-${p.round}`, class: 'secondary' })),
          ),
        )
      : null,
  );
}

/** In a game taken over from history: where, so the player knows what was history's. */
function branchNote(match: ReadonlyMatch, dispatch: Dispatch): HTMLElement {
  const b = match.branch!;
  const path = match.scenario.history?.path ?? [];
  const last = b.step > 0 ? path[b.step - 1] : undefined;
  return h(
    'p',
    { class: 'branch-note', attrs: { 'data-branch-step': b.step } },
    h('strong', null, 'Taken over from history '),
    last ? `after step ${b.step} of ${path.length} (${formatDate(last.date)}).` : 'before its first step.',
    b.alternative ? ` Then the alternative “${b.alternative}”.` : '',
    ' Everything from there on is this game’s. ',
    backToHistory(match.scenario.id, b.step, dispatch),
  );
}

/** After a deal: its terms and its projected effect from the moment it was struck (the debrief follows the model on to the horizon). */
function dealSection(table: TableState): HTMLElement {
  const match = table.match;
  const scenario = match.scenario;
  const last = match.turns().at(-1)!;
  const before = match.stateBefore(last.index);
  const side = match.playerSide ?? 'us';
  const pkg = before.standing?.package ?? {};
  const items = packageItems(scenario, before, pkg);
  const doctrine = doctrineFor(scenario, before.options, side);
  const a = assessDraft(scenario, before, side, pkg);
  const rows = a.projections.map((p) => {
    const w = doctrine.weights[p.indicator as IndicatorId] ?? 0;
    return h(
      'tr',
      null,
      h('th', { attrs: { scope: 'row' } }, w !== 0 ? '★ ' : '', INDICATORS[p.indicator].label),
      h('td', null, fmt(before.indicators[p.indicator])),
      h('td', null, signed(p.mean)),
      h('td', null, `${signed(p.low)} to ${signed(p.high)}`),
    );
  });
  return section(
    'The deal',
    'deal-title',
    h('ul', { class: 'plain' }, ...items.map((i) => h('li', null, categoryIcon(i.category), h('strong', null, `${i.issueLabel}: `), i.positionLabel, h('span', { class: 'hint' }, ` (was: ${i.currentLabel}; ${i.holder === side ? 'you give' : 'you get'})`)))),
    h('p', null, `Expected worth to you, judged by your “${doctrine.label}” doctrine, when it was struck: `, worthText(a.worth), '.'),
    h(
      'table',
      { class: 'data' },
      h('caption', null, 'Projected effect of the deal, from when it was struck (★ counts in your score)'),
      columnHeads('Indicator', 'Then', 'Change', '10–90%'),
      h('tbody', null, ...rows),
    ),
  );
}

/** The table's main chart: the two indicators the player's doctrine weighs most (tension, on its own ladder, is swapped for the next one). */
function mainChart(doctrine: Parameters<typeof mainChartFor>[0]): TableModel['chart'] {
  const c = mainChartFor(doctrine);
  const ranked = [c.x, ...(c.y ? [c.y] : []), ...c.others].filter((i) => i.indicator !== 'tension');
  const x = ranked[0] ?? c.x;
  const fallback = doctrine.side === 'us' ? 'us.securityCost' : 'china.selfReliance';
  const y = ranked[1]?.indicator ?? (x.indicator === fallback ? 'tension' : fallback);
  const up = ranked[1] ? ranked[1].moreIsBetter : INDICATORS[y].higherIsBetter;
  const caption = ranked[1]
    ? `Better under ${doctrine.label}: ${x.moreIsBetter ? 'to the right' : 'to the left'} and ${up ? 'up' : 'down'}.`
    : `Better under ${doctrine.label}: ${x.moreIsBetter ? 'to the right' : 'to the left'}.`;
  return { x: x.indicator, y, caption };
}
