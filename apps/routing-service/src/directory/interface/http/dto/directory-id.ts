/** A stable directory id: lower-case letters and digits in dash-separated groups. */
export const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const ID_MESSAGE = 'must be lower-case letters, digits and dashes (a stable directory id)';
export const PHONE = /^\+?[0-9 ]{8,16}$/;
