import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { aBenefitDeduction, aDischargeNotice, anAssessmentRequest, aReleaseNotice } from '@overgang/testing';
import { AssessmentRequestDto } from './assessment-request.request.dto';
import { BenefitDeductionRequestDto } from './benefit-deduction.request.dto';
import { DischargeNoticeRequestDto } from './discharge-notice.request.dto';
import { ReleaseNoticeRequestDto } from './release-notice.request.dto';

const problems = async (dto: Function, body: object) =>
  (
    await validate(plainToInstance(dto as new () => object, body), {
      forbidUnknownValues: true,
      whitelist: true,
      forbidNonWhitelisted: true,
    })
  ).map((e) => e.property);

/** The test factories build bodies that each intake accepts, so tests can vary one field at a time. */
describe('intake factories', () => {
  it.each([
    ['release notice', ReleaseNoticeRequestDto, aReleaseNotice],
    ['discharge notice', DischargeNoticeRequestDto, aDischargeNotice],
    ['benefit deduction', BenefitDeductionRequestDto, aBenefitDeduction],
    ['assessment request', AssessmentRequestDto, anAssessmentRequest],
  ] as const)('a %s from the factory is valid', async (_name, dto, factory) => {
    expect(await problems(dto, factory())).toEqual([]);
  });

  it('an override can break it', async () => {
    expect(await problems(ReleaseNoticeRequestDto, aReleaseNotice({ nationalId: '12345678901' }))).toEqual([
      'nationalId',
    ]);
  });
});
