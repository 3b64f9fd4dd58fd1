/**
 * Demo accounts (docs/design.md §8). No passwords here: the seed runner sets DEMO_PASSWORD
 * (default `databridge-demo`) for every account, and only when demo seeding is on.
 */
import type { SeedUser } from './types';

export const DEMO_EMAILS = {
  admin: 'admin@demo.kr',
  provider: 'provider@demo.kr',
  reviewer: 'reviewer@demo.kr',
  researcher: 'researcher@demo.kr',
  partner: 'partner@demo.org',
  nationalReviewer: 'national-reviewer@demo.kr',
  medicalProvider: 'medical-provider@demo.kr',
  industryProvider: 'industry-provider@demo.kr',
  ffrdcResearcher: 'ffrdc-researcher@demo.org',
} as const;

export const users: SeedUser[] = [
  {
    email: DEMO_EMAILS.admin,
    name: '이지은 (Lee Ji-eun)',
    orgSlug: 'kus-bridge-secretariat',
    roles: ['admin'],
    locale: 'ko',
    orgAdmin: true,
  },
  {
    email: DEMO_EMAILS.provider,
    name: '박준호 (Park Jun-ho)',
    orgSlug: 'kdata-agency',
    roles: ['provider'],
    locale: 'ko',
  },
  {
    email: DEMO_EMAILS.reviewer,
    name: '최유진 (Choi Yu-jin)',
    orgSlug: 'kdata-agency',
    roles: ['reviewer'],
    locale: 'ko',
    orgAdmin: true,
  },
  {
    email: DEMO_EMAILS.researcher,
    name: '정하늘 (Jung Ha-neul)',
    orgSlug: 'hangang-national-university',
    roles: ['researcher'],
    locale: 'ko',
    orgAdmin: true,
  },
  {
    email: DEMO_EMAILS.partner,
    name: 'Emily Carter',
    orgSlug: 'pacific-state-university',
    roles: ['researcher'],
    locale: 'en',
    orgAdmin: true,
  },
  {
    email: DEMO_EMAILS.nationalReviewer,
    name: '한도윤 (Han Do-yoon)',
    orgSlug: 'kus-bridge-secretariat',
    roles: ['reviewer'],
    locale: 'ko',
  },
  {
    email: DEMO_EMAILS.medicalProvider,
    name: '윤서현 (Yoon Seo-hyun)',
    orgSlug: 'saebit-medical-ai-center',
    roles: ['provider', 'reviewer'],
    locale: 'ko',
    orgAdmin: true,
  },
  {
    email: DEMO_EMAILS.industryProvider,
    name: '강민재 (Kang Min-jae)',
    orgSlug: 'daon-smart-factory',
    roles: ['provider'],
    locale: 'ko',
    orgAdmin: true,
  },
  {
    email: DEMO_EMAILS.ffrdcResearcher,
    name: 'Marcus Alvarez',
    orgSlug: 'atlantic-advanced-systems-lab',
    roles: ['researcher'],
    locale: 'en',
    orgAdmin: true,
  },
];
