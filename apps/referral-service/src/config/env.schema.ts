import { BaseServiceEnv } from '@overgang/config';

export class ReferralServiceEnv extends BaseServiceEnv {}

export const SERVICE_NAME = 'referral-service';
export const DB_SCHEMA = 'referral';
