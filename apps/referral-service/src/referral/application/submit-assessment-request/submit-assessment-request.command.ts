import { Assessor } from '../../domain/codes';
import { IntakeCommand } from '../submit-referral/submit-referral.command';

/** The housing service asks NAV or a follow-up service for a professional assessment. */
export interface SubmitAssessmentRequestCommand extends IntakeCommand {
  assessedBy: Assessor;
  questions: string[];
  /** Case documents kept elsewhere; PDFs are uploaded as attachments. */
  documentReferences: Array<{ reference: string; title: string }>;
  /** When the answer is wanted; absent, the answer deadline's rule decides. */
  requestedAnswerDate?: string;
}
