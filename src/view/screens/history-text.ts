import { compact } from '../../session/format';
import type { LessonRef } from '../../session/history-replay';

/** Small pieces of wording the history screens and the debrief's comparison with history share. */

/** A band as words: "exactly 1.4" or "2 to 4". */
export function bandText(band: [number, number]): string {
  return band[0] === band[1] ? `exactly ${compact(band[0])}` : `${compact(band[0])} to ${compact(band[1])}`;
}

/** The lessons in full (the teaching notes). */
export function lessonsLine(lessons: LessonRef[]): string {
  return lessons.map((l) => `Lesson ${l.number}: ${l.title}`).join(' ');
}

/** The lessons in a few words, where the full sentences would crowd the panel. */
export function lessonsShort(lessons: LessonRef[]): string {
  return `${lessons.length === 1 ? 'Lesson' : 'Lessons'}: ${lessons.map((l) => `${l.number}, ${l.short}`).join('; ')}.`;
}
