export * from './language';
export * from './localize';
export { CODE_TEXTS, TITLES_NB } from './problem-texts';
export { FIELD_TEXTS_NB, FIELD_TEXTS_EN, fieldMessage } from './field-texts';
