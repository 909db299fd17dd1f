import type { GameSpec, Scenario } from '../../core/types';
import { lessonsIllustrated } from '../../session/lessons';
import { h } from '../dom';

/**
 * "This game showed …": which of the five lessons the game just played illustrated, with what in
 * it did (read from the replay, so two games of one scenario can teach different lessons).
 */
export function lessonsSection(scenario: Scenario, spec: GameSpec, link: (text: string) => Node[] = (t) => [document.createTextNode(t)]): HTMLElement {
  let lessons: ReturnType<typeof lessonsIllustrated>;
  try {
    lessons = lessonsIllustrated(scenario, spec);
  } catch (error) {
    return h('section', null, h('h2', null, 'What this game illustrated'), h('p', null, `Not available: ${(error as Error).message}`));
  }
  return h(
    'section',
    { attrs: { 'aria-labelledby': 'lessons-title', 'data-lessons': lessons.map((l) => l.lesson.id).join(' ') } },
    h('h2', { id: 'lessons-title' }, 'What this game illustrated'),
    lessons.length === 0
      ? h('p', null, 'This game illustrated none of the five lessons clearly: no control or lever was put on the table, no deal was refused at home, and no pledge fell short. Try a bolder package, or a threat.')
      : h(
          'ul',
          { class: 'plain lessons' },
          ...lessons.map((l) =>
            h(
              'li',
              { attrs: { 'data-lesson': l.lesson.id } },
              h('p', null, h('strong', null, `Lesson ${l.lesson.number}: ${l.lesson.title}`)),
              h('ul', { class: 'plain evidence' }, ...l.evidence.map((e) => h('li', { class: 'hint' }, ...link(e)))),
            ),
          ),
        ),
  );
}
