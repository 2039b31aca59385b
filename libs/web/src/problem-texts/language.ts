import { IncomingMessage } from 'http';
import Negotiator from 'negotiator';

/** The languages problems are written in: English by default, bokmål for a caller that asks for it. */
export type ProblemLanguage = 'en' | 'nb';

/**
 * What the Accept-Language ranges may name, most preferred on a tie first. Nynorsk and the
 * general `no` get bokmål until there are nynorsk texts.
 */
const OFFERED = ['en', 'nb', 'no', 'nn'];

/** The language of a problem answer, chosen by Accept-Language (q-values, nb-NO matching nb, *). */
export function problemLanguage(req: Pick<IncomingMessage, 'headers'>): ProblemLanguage {
  const header = req.headers['accept-language'];
  if (!header) return 'en';
  const best = new Negotiator({ headers: { 'accept-language': String(header) } }).language(OFFERED);
  return best === undefined || best === 'en' ? 'en' : 'nb';
}
