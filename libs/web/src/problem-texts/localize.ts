import type { FieldProblem, ProblemAnswer, ProblemDocument } from '../problem';
import { fieldMessage } from './field-texts';
import { ProblemLanguage } from './language';
import { CODE_TEXTS, httpDetailNb, TITLES_NB } from './problem-texts';

const INVALID_INTRO: Record<ProblemLanguage, string> = {
  en: 'The request has fields that are missing or not valid.',
  nb: 'Forespørselen har felt som mangler eller ikke er gyldige.',
};

/** REQUEST.INVALID's detail: the intro and every field's message, with the count of those cut off. */
export function invalidDetail(errors: FieldProblem[], language: ProblemLanguage, more = 0): string {
  const rest = more > 0 ? (language === 'nb' ? ` (og ${more} til)` : ` (and ${more} more)`) : '';
  return `${INVALID_INTRO[language]} ${errors.map((e) => e.message).join('; ')}${rest}.`;
}

/**
 * The problem in the caller's language: title and detail (and each field's message) translated
 * by code and rule; the code, status and extra fields stay as they are.
 */
export function localizeProblem(answer: ProblemAnswer, language: ProblemLanguage): ProblemDocument {
  const p = answer.problem;
  const texts = CODE_TEXTS[p.code];
  const title = language === 'nb' ? (TITLES_NB[p.status] ?? p.title) : p.title;
  if (p.errors) {
    const errors = p.errors.map((e) => ({ ...e, message: fieldMessage(e, language) }));
    const more = Number(/\(and (\d+) more\)\.$/.exec(p.detail)?.[1] ?? 0);
    return { ...p, title, errors, detail: invalidDetail(errors, language, more) };
  }
  let detail = p.detail;
  if (language === 'nb')
    detail = texts ? texts.nb(p, answer) : p.code.startsWith('HTTP.') ? httpDetailNb(p) : detail;
  else if (texts?.en) detail = texts.en(p, answer);
  return { ...p, title, detail };
}
