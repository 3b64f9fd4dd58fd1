/**
 * Demo full-data access held outside the catalogue (docs/design.md §3 `externalAccess`): a provider's SFTP
 * server, a booking for an on-site analysis room, a download portal. Fictional hosts under
 * `.example`. Shown only to callers the policy engine allows scope `full`.
 */
import type { SeedExternalAccess } from './types';

export const EXTERNAL_ACCESS: Record<string, SeedExternalAccess[]> = {
  'korean-spontaneous-speech-2023': [
    {
      id: 'sftp',
      kind: 'url',
      url: 'https://sftp.kdata-agency.example/speech-2023',
      text: {
        ko: '기관 SFTP 서버에서 전체 음성 파일(약 118GB)을 내려받을 수 있습니다. 승인 후 3영업일 안에 계정 정보를 메일로 보내 드립니다.',
        en: 'Download the full audio (about 118 GB) from the agency’s SFTP server. Account details are e-mailed within three working days of approval.',
      },
    },
    {
      id: 'checksums',
      kind: 'instructions',
      text: {
        ko: '내려받은 뒤 함께 제공되는 SHA256SUMS 파일로 무결성을 확인하세요. 문의: speech-data@kdata-agency.example',
        en: 'After downloading, check every file against the SHA256SUMS file provided with it. Questions: speech-data@kdata-agency.example',
      },
    },
  ],
  'autonomous-driving-lidar-camera': [
    {
      id: 'sftp',
      kind: 'url',
      url: 'https://transfer.mobility-institute.example/lidar-camera',
      text: {
        ko: '라이다·카메라 원본 시퀀스는 연구원 전송 서버(SFTP)로 제공합니다. 승인 번호로 계정을 신청하세요.',
        en: 'Raw LiDAR and camera sequences are delivered through the institute’s transfer server (SFTP). Apply for an account with your approval number.',
      },
    },
  ],
  'financial-fraud-transactions': [
    {
      id: 'analysis-room',
      kind: 'instructions',
      url: 'https://booking.finance-data.example/analysis-room',
      text: {
        ko: '가명 처리된 전체 거래 데이터는 서울 본원의 안심 분석실에서만 열람할 수 있습니다. 예약 페이지에서 승인 번호로 이용 일정을 예약하세요(하루 최대 8시간).',
        en: 'The full pseudonymised transactions can only be examined in the secure analysis room at the Seoul office. Book a session on the booking page with your approval number (up to 8 hours a day).',
      },
    },
  ],
  'satellite-land-cover-segmentation': [
    {
      id: 'portal',
      kind: 'url',
      url: 'https://data.space-agency.example/land-cover',
      text: {
        ko: '전체 위성 영상 타일은 기관 데이터 포털에서 지역별로 내려받을 수 있습니다.',
        en: 'Download the full satellite image tiles by region from the agency’s data portal.',
      },
    },
  ],
  'traffic-cctv-object-detection': [
    {
      id: 'mirror',
      kind: 'url',
      url: 'https://mirror.kdata-agency.example/traffic-cctv',
      text: {
        ko: '전체 영상 프레임과 라벨은 공개 미러 서버에서도 받을 수 있습니다.',
        en: 'The full video frames and labels are also available from the public mirror.',
      },
    },
  ],
};
