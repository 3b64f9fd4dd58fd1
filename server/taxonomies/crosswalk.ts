// Runtime reference data: the KR national strategic technologies ↔ US CET areas crosswalk.
/**
 * Crosswalk between Korea's 12 national strategic technologies and the 18 US critical and emerging
 * technology (CET) areas (NSTC, Feb 2024). Strength 1 = same field; 0.5 = substantial overlap.
 * Every code of both lists appears at least once. Used by partner matching (technology fit).
 */
import type { Bilingual, KrTechnology, UsCetArea } from '../../schemas/taxonomy';

/** One pair of the crosswalk with how strongly the two areas overlap. */
export interface CrosswalkEntry {
  kr: KrTechnology;
  us: UsCetArea;
  strength: 1 | 0.5;
  note?: Bilingual;
}

export const crosswalk: CrosswalkEntry[] = [
  // 반도체·디스플레이
  {
    kr: 'semiconductors_displays',
    us: 'semiconductors_microelectronics',
    strength: 1,
    note: { ko: '메모리·로직·패키징 등 반도체 전반', en: 'Memory, logic and packaging: the same field' },
  },
  {
    kr: 'semiconductors_displays',
    us: 'advanced_engineering_materials',
    strength: 0.5,
    note: { ko: '디스플레이 소재, 반도체 소재·부품', en: 'Display materials and semiconductor materials' },
  },
  {
    kr: 'semiconductors_displays',
    us: 'advanced_computing',
    strength: 0.5,
    note: { ko: 'AI 가속기 등 고성능 컴퓨팅용 칩', en: 'Chips for high-performance computing and AI accelerators' },
  },
  // 이차전지
  {
    kr: 'secondary_batteries',
    us: 'clean_energy_generation_storage',
    strength: 1,
    note: { ko: '에너지 저장 장치로서의 이차전지', en: 'Batteries as energy storage' },
  },
  {
    kr: 'secondary_batteries',
    us: 'advanced_engineering_materials',
    strength: 0.5,
    note: { ko: '양극재·음극재·전해질 소재', en: 'Cathode, anode and electrolyte materials' },
  },
  // 첨단 모빌리티
  {
    kr: 'advanced_mobility',
    us: 'autonomous_uncrewed_systems_robotics',
    strength: 1,
    note: { ko: '자율주행차, 도심항공교통(UAM)', en: 'Self-driving vehicles and urban air mobility' },
  },
  {
    kr: 'advanced_mobility',
    us: 'positioning_navigation_timing',
    strength: 0.5,
    note: { ko: '정밀 측위와 항법', en: 'Precise positioning and navigation for vehicles' },
  },
  {
    kr: 'advanced_mobility',
    us: 'advanced_sensing_signature_management',
    strength: 0.5,
    note: { ko: '라이다·레이더 등 차량 센서', en: 'LiDAR, radar and other vehicle sensing' },
  },
  // 차세대 원자력
  {
    kr: 'next_gen_nuclear',
    us: 'clean_energy_generation_storage',
    strength: 1,
    note: { ko: '소형모듈원자로(SMR) 등 원자력 발전', en: 'Nuclear generation including small modular reactors' },
  },
  {
    kr: 'next_gen_nuclear',
    us: 'advanced_engineering_materials',
    strength: 0.5,
    note: { ko: '내방사선·고온 구조 소재', en: 'Radiation-tolerant and high-temperature materials' },
  },
  // 첨단 바이오
  {
    kr: 'advanced_biotech',
    us: 'biotechnologies',
    strength: 1,
    note: { ko: '합성생물학, 유전자·세포 치료, 디지털 헬스', en: 'Synthetic biology, gene and cell therapy, digital health' },
  },
  {
    kr: 'advanced_biotech',
    us: 'advanced_manufacturing',
    strength: 0.5,
    note: { ko: '바이오 의약품 생산(바이오 제조)', en: 'Biomanufacturing' },
  },
  // 우주항공·해양
  {
    kr: 'aerospace_marine',
    us: 'space_technologies',
    strength: 1,
    note: { ko: '발사체, 위성, 우주 탐사', en: 'Launchers, satellites and space exploration' },
  },
  {
    kr: 'aerospace_marine',
    us: 'advanced_gas_turbine_engines',
    strength: 1,
    note: { ko: '항공기·함정용 가스터빈 엔진', en: 'Gas turbine engines for aircraft and ships' },
  },
  {
    kr: 'aerospace_marine',
    us: 'hypersonics',
    strength: 0.5,
    note: { ko: '극초음속 비행체와 추진', en: 'Hypersonic flight and propulsion' },
  },
  {
    kr: 'aerospace_marine',
    us: 'autonomous_uncrewed_systems_robotics',
    strength: 0.5,
    note: { ko: '무인기, 자율운항선박', en: 'Uncrewed aircraft and autonomous ships' },
  },
  {
    kr: 'aerospace_marine',
    us: 'positioning_navigation_timing',
    strength: 0.5,
    note: { ko: '위성항법 시스템', en: 'Satellite navigation systems' },
  },
  {
    kr: 'aerospace_marine',
    us: 'directed_energy',
    strength: 0.5,
    note: { ko: '우주·함정 플랫폼의 고출력 레이저', en: 'High-energy lasers on space and naval platforms' },
  },
  // 수소
  {
    kr: 'hydrogen',
    us: 'clean_energy_generation_storage',
    strength: 1,
    note: { ko: '수소 생산·저장·연료전지', en: 'Hydrogen production, storage and fuel cells' },
  },
  {
    kr: 'hydrogen',
    us: 'advanced_gas_turbine_engines',
    strength: 0.5,
    note: { ko: '수소 혼소·전소 가스터빈', en: 'Hydrogen-fired gas turbines' },
  },
  // 사이버보안
  {
    kr: 'cybersecurity',
    us: 'data_privacy_security_cybersecurity',
    strength: 1,
    note: { ko: '정보보호, 개인정보 보호 기술', en: 'Security and privacy-enhancing technologies' },
  },
  {
    kr: 'cybersecurity',
    us: 'quantum_information',
    strength: 0.5,
    note: { ko: '양자내성암호, 양자키분배', en: 'Post-quantum cryptography and quantum key distribution' },
  },
  // 인공지능
  {
    kr: 'artificial_intelligence',
    us: 'artificial_intelligence',
    strength: 1,
    note: { ko: '같은 분야', en: 'The same field' },
  },
  {
    kr: 'artificial_intelligence',
    us: 'advanced_computing',
    strength: 0.5,
    note: { ko: '초거대 AI 학습을 위한 컴퓨팅', en: 'Computing for large-scale model training' },
  },
  {
    kr: 'artificial_intelligence',
    us: 'human_machine_interfaces',
    strength: 0.5,
    note: { ko: '음성·언어 인터페이스, 감정 인식', en: 'Speech and language interfaces, affective computing' },
  },
  // 차세대 통신
  {
    kr: 'next_gen_communications',
    us: 'integrated_communication_networking',
    strength: 1,
    note: { ko: '5G·6G, 위성통신, 네트워크', en: '5G/6G, satellite communications and networking' },
  },
  {
    kr: 'next_gen_communications',
    us: 'positioning_navigation_timing',
    strength: 0.5,
    note: { ko: '네트워크 시각 동기화', en: 'Network timing and synchronisation' },
  },
  {
    kr: 'next_gen_communications',
    us: 'semiconductors_microelectronics',
    strength: 0.5,
    note: { ko: 'RF·통신용 반도체', en: 'RF and communications chips' },
  },
  // 첨단로봇·제조
  {
    kr: 'advanced_robotics_manufacturing',
    us: 'advanced_manufacturing',
    strength: 1,
    note: { ko: '스마트공장, 적층 제조', en: 'Smart factories and additive manufacturing' },
  },
  {
    kr: 'advanced_robotics_manufacturing',
    us: 'autonomous_uncrewed_systems_robotics',
    strength: 1,
    note: { ko: '산업용·서비스 로봇', en: 'Industrial and service robots' },
  },
  {
    kr: 'advanced_robotics_manufacturing',
    us: 'human_machine_interfaces',
    strength: 0.5,
    note: { ko: '협동로봇, 웨어러블 로봇', en: 'Collaborative and wearable robots' },
  },
  // 양자
  {
    kr: 'quantum',
    us: 'quantum_information',
    strength: 1,
    note: { ko: '양자컴퓨팅·통신·센싱', en: 'Quantum computing, communication and sensing' },
  },
  {
    kr: 'quantum',
    us: 'advanced_computing',
    strength: 0.5,
    note: { ko: '양자-고전 하이브리드 컴퓨팅', en: 'Hybrid quantum–classical computing' },
  },
  {
    kr: 'quantum',
    us: 'advanced_sensing_signature_management',
    strength: 0.5,
    note: { ko: '양자 센서', en: 'Quantum sensors' },
  },
];
