// Deterministic data set for the sandbox: same seed + size (+ today) → identical data.
// The notable records (ids in ./fixtures.ts) are created first so their ids never depend
// on the size; everything else is drawn from seeded streams (see ./prng.ts).
import type { Role } from '../../../src/shared/model.ts';
import * as F from './fixtures.ts';
import { pick, type Rng, shuffled, subRng } from './prng.ts';
import { emailLocal } from './text.ts';

type ToolType = 'INTEGRATED' | 'FREE' | 'LOCAL' | 'EXTERNAL';
type LicenseKind = 'SINGLE' | 'CLASS' | 'SCHOOL';
export type AssigneeType = 'USER' | 'GROUP';

export interface SchoolRec {
  id: string;
  name: string;
  domain: string;
}
export interface UserRec {
  id: string;
  schoolId: string;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  groupIds: string[];
}
export interface GroupRec {
  id: string;
  schoolId: string;
  name: string;
  memberIds: string[];
}
export interface ToolRec {
  id: string;
  name: string;
  supplier?: string;
  toolType: ToolType;
  category?: string;
  grades?: string[];
}
export interface LicenseRec {
  id: string;
  schoolId: string;
  toolId: string;
  kind: LicenseKind;
  seats: number;
  validUntil: string;
  availableTo: Role[];
  poolId: string | null;
}
export interface PoolRec {
  id: string;
  schoolId: string;
  toolId: string;
  name: string;
  licenseIds: string[];
  autoAddNewLicenses: boolean;
}
export interface AssignmentRec {
  id: string;
  schoolId: string;
  toolId: string;
  licenseId: string;
  poolId: string | null;
  assigneeType: AssigneeType;
  assigneeId: string;
  assignedAt: string;
  revokedAt: string | null;
}
export interface Dataset {
  seed: number;
  students: number;
  today: string;
  organization: { id: string; name: string };
  schools: SchoolRec[];
  users: UserRec[];
  groups: GroupRec[];
  tools: ToolRec[];
  /** Which tools each school has (a school may have a tool without licenses: free/local/external). */
  schoolToolIds: Record<string, string[]>;
  licenses: LicenseRec[];
  pools: PoolRec[];
  assignments: AssignmentRec[];
}

export interface GenerateOptions {
  seed?: number;
  /** Total students over both schools (about 80 % at Demoskolan). Default 2000. */
  students?: number;
  /** YYYY-MM-DD; defaults to the real current date (UTC), so "expiring within 30 days" stays true. */
  today?: string;
}

const FIRST_NAMES = [
  'Alice',
  'Alva',
  'Astrid',
  'Agnes',
  'Alma',
  'Ebba',
  'Elsa',
  'Ella',
  'Freja',
  'Hanna',
  'Ida',
  'Julia',
  'Klara',
  'Lova',
  'Maja',
  'Moa',
  'Nora',
  'Saga',
  'Signe',
  'Selma',
  'Tindra',
  'Vera',
  'Wilma',
  'Märta',
  'Linnéa',
  'Chloé',
  'Zoé',
  'Léa',
  'Hélène',
  'Anna-Karin',
  'Eva-Lena',
  'Anna Maria',
  'Sofia',
  'Elin',
  'Matilda',
  'Åsa',
  'Greta',
  'Siri',
  'Adam',
  'Albin',
  'Alexander',
  'Anton',
  'Arvid',
  'Axel',
  'Björn',
  'Casper',
  'David',
  'Elias',
  'Emil',
  'Erik',
  'Felix',
  'Filip',
  'Gustav',
  'Hugo',
  'Isak',
  'Jöns',
  'Liam',
  'Loke',
  'Lucas',
  'Ludvig',
  'Melvin',
  'Nils',
  'Noah',
  'Oliver',
  'Olle',
  'Oskar',
  'Sixten',
  'Sören',
  'Theo',
  'Ture',
  'Valter',
  'Viktor',
  'Vilgot',
  'William',
  'Åke',
  'Göran',
  'André',
  'René',
  'Noé',
  'Karl-Johan',
  'Per-Olof',
  'Lars Erik',
  'Jan-Åke',
  'Mohammed',
  'Ali',
  'Yusuf',
  'Amir',
  'Omar',
  'Fatima',
  'Amina',
  'Leila',
  'Aisha',
  'Zeynep',
  'Mateo',
  'Nikola',
  'Natalie',
  'Aleksandra',
  'Mei',
  'Linh',
  'Øystein',
  'Ingrid',
];
const LAST_NAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Olofsson',
  'Lindström',
  'Lindqvist',
  'Lindgren',
  'Berg',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lind',
  'Lundgren',
  'Lundqvist',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Henriksson',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Eklund',
  'Danielsson',
  'Håkansson',
  'Lundin',
  'Björk',
  'Bergman',
  'Gunnarsson',
  'Holm',
  'Wikström',
  'Samuelsson',
  'Isaksson',
  'Fransson',
  'Bergqvist',
  'Nyström',
  'Holmberg',
  'Arvidsson',
  'Löfgren',
  'Söderberg',
  'Nyberg',
  'Blomqvist',
  'Claesson',
  'Nordström',
  'Mårtensson',
  'Lundström',
  'Viklund',
  'Björklund',
  'Eliasson',
  'Pålsson',
  'Berggren',
  'Sandström',
  'Lund',
  'Nordin',
  'Ström',
  'Åberg',
  'Ekström',
  'Holmgren',
  'Sundberg',
  'Hedlund',
  'Dahlberg',
  'Hermansson',
  'Öberg',
  'Ångström',
  'Söderström',
  'Nordén',
  'Lindén',
  'af Klint',
  'von Essen',
  'de Geer',
  'Lindqvist-Åkesson',
  'Öhman-Ekelund',
  'Hassan',
  'Ali',
  'Yilmaz',
  'Nguyen',
  'Kovačević',
  'Dubois',
  'Müller',
  'Ødegård',
];

const DEMO_BASE_CLASSES = [
  '7A',
  '7B',
  '7C',
  '8A',
  '8B',
  '8C',
  '9A',
  '9B',
  '9C',
  'NA21a',
  'NA22b',
  'TE22b',
  'EK23a',
];
const OTHER_BASE_CLASSES = ['7A', '7B', '8A', '8B', '9A', '9B'];

function extraClassNames(base: readonly string[]): string[] {
  const out: string[] = [];
  for (let l = 'D'.charCodeAt(0); l <= 'Z'.charCodeAt(0); l++) {
    for (const g of ['7', '8', '9']) out.push(`${g}${String.fromCharCode(l)}`);
  }
  for (const year of ['21', '22', '23', '24', '25']) {
    for (const prog of ['NA', 'TE', 'EK', 'SA', 'ES', 'IMS']) {
      for (const letter of ['a', 'b', 'c', 'd', 'e']) out.push(`${prog}${year}${letter}`);
    }
  }
  return out.filter((n) => !base.includes(n));
}

function isoToday(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const TOOLS: ToolRec[] = [
  {
    id: F.PSYKOLOGI_TOOL_ID,
    name: F.PSYKOLOGI_TOOL_NAME,
    supplier: 'Liber',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['Gymnasium', 'Högskola'],
  },
  {
    id: F.BIG_TOOL_ID,
    name: F.BIG_TOOL_NAME,
    supplier: 'Gleerups',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
  {
    id: F.DOUBLED_TOOL_ID,
    name: 'Engelska Explore 7–9',
    supplier: 'Sanoma Utbildning',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
  {
    id: F.CLASS_TOOL_ID,
    name: 'Biologi Puls Digital',
    supplier: 'Natur & Kultur',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
  {
    id: F.POOL_TOOL_ID,
    name: 'Svenska Impulser Digital',
    supplier: 'Natur & Kultur',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
  {
    id: F.EXPIRING_TOOL_ID,
    name: 'Kemi Direkt Digital',
    supplier: 'Studentlitteratur',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
  {
    id: F.EXPIRED_TOOL_ID,
    name: 'Historia Epok Digital',
    supplier: 'Liber',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
  {
    id: F.SCHOOL_LICENSE_TOOL_ID,
    name: 'NE Uppslagsverk',
    supplier: 'NE Nationalencyklopedin',
    toolType: 'INTEGRATED',
    category: 'Uppslagsverk',
    grades: ['7', '8', '9', 'Gymnasium'],
  },
  {
    id: F.FREE_TOOL_ID,
    name: 'GeoGebra',
    supplier: 'GeoGebra',
    toolType: 'FREE',
    category: 'Verktyg',
    grades: ['7', '8', '9', 'Gymnasium'],
  },
  {
    id: 't-scratch',
    name: 'Scratch',
    supplier: 'MIT',
    toolType: 'FREE',
    category: 'Programmering',
    grades: [],
  },
  {
    id: F.LOCAL_TOOL_ID,
    name: 'Skolbibliotekets katalog',
    supplier: 'Demo kommun',
    toolType: 'LOCAL',
    category: 'Bibliotek',
  },
  {
    id: F.EXTERNAL_TOOL_ID,
    name: 'Inläsningstjänst',
    supplier: 'Inläsningstjänst AB',
    toolType: 'EXTERNAL',
    category: 'Läromedel',
    grades: ['7', '8', '9', 'Gymnasium'],
  },
  {
    id: F.EXPIRING_CLASS_TOOL_ID,
    name: 'Fysik Spektrum Digital',
    supplier: 'Liber',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['Gymnasium'],
  },
  {
    id: 't-samhalle',
    name: 'Samhällskunskap Forum Digital',
    supplier: 'Sanoma Utbildning',
    toolType: 'INTEGRATED',
    category: 'Lärarhandledning',
    grades: ['Gymnasium'],
  },
  {
    id: F.FULL_TOOL_ID,
    name: 'Spanska Vamos Digital',
    supplier: 'Gleerups',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
  {
    id: F.SINGLE_TO_CLASS_TOOL_ID,
    name: 'Religion för gymnasiet',
    supplier: 'Liber',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['Gymnasium'],
  },
  {
    id: F.EMPTY_TOOL_ID,
    name: 'Franska Escalier Digital',
    supplier: 'Studentlitteratur',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
  {
    id: F.OTHER_SCHOOL_ONLY_TOOL_ID,
    name: 'Teknik Digitalt',
    supplier: 'Gleerups',
    toolType: 'INTEGRATED',
    category: 'Läromedel',
    grades: ['7', '8', '9'],
  },
];

interface ForcedUser {
  id: string;
  first: string;
  last: string;
  role: Role;
  className?: string;
  active?: boolean;
}
// Order matters: ids are u-00001… in this order (see fixtures.ts).
const FORCED_DEMO_USERS: ForcedUser[] = [
  { id: 'u-00001', first: 'Per-Olof', last: 'Åkesson', role: 'ADMIN' },
  { id: 'u-00002', first: 'Maria', last: 'Ek', role: 'ADMIN' },
  { id: 'u-00003', first: 'Ali', last: 'Hassan', role: 'ADMIN' },
  { id: 'u-00004', first: 'Karin', last: 'Lindén', role: 'TEACHER', className: 'NA21a' },
  { id: 'u-00005', first: 'Åsa', last: 'Lindqvist', role: 'STUDENT', className: '7A' },
  { id: 'u-00006', first: 'Åsa', last: 'Öberg', role: 'STUDENT', className: '8B' },
  { id: 'u-00007', first: 'Åsa-Maria', last: 'Nilsson', role: 'STUDENT', className: '9C' },
  { id: 'u-00008', first: 'Åsa', last: 'af Klint', role: 'STUDENT', className: '9A' },
  { id: 'u-00009', first: 'Åsa', last: 'Berg', role: 'STUDENT', className: 'NA21a' },
  { id: 'u-00010', first: 'Erik', last: 'Johansson', role: 'STUDENT', className: '7A' },
  { id: 'u-00011', first: 'Erik', last: 'Johansson', role: 'STUDENT', className: '8B' },
  { id: 'u-00012', first: 'Sven-Åke', last: 'Lindén', role: 'STUDENT', className: '9B', active: false },
  { id: 'u-00013', first: 'Anna-Karin', last: 'Söderström', role: 'STUDENT', className: '9A' },
  { id: 'u-00014', first: 'Lars Erik', last: 'von Essen', role: 'STUDENT', className: '9B' },
  { id: 'u-00015', first: 'Zoé', last: 'Ångström', role: 'STUDENT', className: '8C' },
  { id: 'u-00016', first: 'Chloé', last: 'Nordén', role: 'STUDENT', className: 'NA22b' },
  { id: 'u-00017', first: 'Björn', last: 'af Klint', role: 'STUDENT', className: 'TE22b' },
  { id: 'u-00018', first: 'Märta', last: 'Åkesson', role: 'STUDENT', className: '9B', active: false },
  { id: 'u-00019', first: 'Jöns', last: 'Öhman-Ekelund', role: 'STUDENT', className: '7B' },
  { id: 'u-00020', first: 'Östen', last: 'Quickström', role: 'STUDENT', className: 'EK23a' },
  { id: 'u-00021', first: '<img src=x onerror=alert(1)>', last: 'Test', role: 'STUDENT', className: '8C' },
];

class Builder {
  readonly users: UserRec[] = [];
  readonly usersById = new Map<string, UserRec>();
  readonly groups: GroupRec[] = [];
  readonly groupsById = new Map<string, GroupRec>();
  readonly licenses: LicenseRec[] = [];
  readonly pools: PoolRec[] = [];
  private readonly pending: Omit<AssignmentRec, 'id'>[] = [];
  private readonly held = new Set<string>();
  private readonly emails = new Set<string>();
  private userSeq = 0;

  constructor(
    private readonly rng: Rng,
    readonly today: string,
  ) {}

  addSchoolGroups(school: SchoolRec, names: string[], prefix: string): GroupRec[] {
    return names.map((name) => {
      const g: GroupRec = { id: `${prefix}${name.toLowerCase()}`, schoolId: school.id, name, memberIds: [] };
      this.groups.push(g);
      this.groupsById.set(g.id, g);
      return g;
    });
  }

  addUser(
    school: SchoolRec,
    first: string,
    last: string,
    role: Role,
    group?: GroupRec,
    active = true,
    id?: string,
  ) {
    const userId = id ?? `u-${pad(++this.userSeq, 5)}`;
    if (id) this.userSeq = Math.max(this.userSeq, Number(id.slice(2)));
    let local = emailLocal(first, last);
    let email = `${local}@${school.domain}`;
    for (let n = 2; this.emails.has(email); n++) email = `${local}${n}@${school.domain}`;
    local = email;
    this.emails.add(email);
    const u: UserRec = {
      id: userId,
      schoolId: school.id,
      firstName: first,
      lastName: last,
      name: `${first} ${last}`,
      email,
      role,
      active,
      groupIds: group ? [group.id] : [],
    };
    if (group) group.memberIds.push(u.id);
    this.users.push(u);
    this.usersById.set(u.id, u);
    return u;
  }

  license(rec: Omit<LicenseRec, 'poolId'> & { poolId?: string | null }): LicenseRec {
    const l: LicenseRec = { ...rec, poolId: rec.poolId ?? null };
    this.licenses.push(l);
    return l;
  }

  private assignedDate(license: LicenseRec): string {
    // ISO dates compare as strings: the earlier of the two.
    const end = [license.validUntil, this.today].sort()[0] ?? this.today;
    return addDays(end, -(20 + Math.floor(this.rng() * 300)));
  }

  /** Assign if the assignee does not hold the license yet and a seat is free. */
  assign(license: LicenseRec, type: AssigneeType, id: string): boolean {
    const key = `${license.id}|${type}:${id}`;
    if (this.held.has(key)) return false;
    const used = this.pending.filter((p) => p.licenseId === license.id).length;
    if (license.kind === 'SCHOOL' || used >= license.seats) return false;
    this.held.add(key);
    const start = this.assignedDate(license);
    const time = `${pad(7 + Math.floor(this.rng() * 9), 2)}:${pad(Math.floor(this.rng() * 60), 2)}:${pad(Math.floor(this.rng() * 60), 2)}`;
    this.pending.push({
      schoolId: license.schoolId,
      toolId: license.toolId,
      licenseId: license.id,
      poolId: license.poolId,
      assigneeType: type,
      assigneeId: id,
      assignedAt: `${start}T${time}.000Z`,
      revokedAt: null,
    });
    return true;
  }

  /** Faster bulk path for big licenses (avoids the O(n) seat count per call). */
  assignMany(license: LicenseRec, type: AssigneeType, ids: Iterable<string>): void {
    let used = this.pending.filter((p) => p.licenseId === license.id).length;
    for (const id of ids) {
      if (used >= license.seats) return;
      const key = `${license.id}|${type}:${id}`;
      if (this.held.has(key)) continue;
      this.held.add(key);
      used++;
      const start = this.assignedDate(license);
      const time = `${pad(7 + Math.floor(this.rng() * 9), 2)}:${pad(Math.floor(this.rng() * 60), 2)}:${pad(Math.floor(this.rng() * 60), 2)}`;
      this.pending.push({
        schoolId: license.schoolId,
        toolId: license.toolId,
        licenseId: license.id,
        poolId: license.poolId,
        assigneeType: type,
        assigneeId: id,
        assignedAt: `${start}T${time}.000Z`,
        revokedAt: null,
      });
    }
  }

  displayName(type: AssigneeType, id: string): string {
    return (type === 'USER' ? this.usersById.get(id)?.name : this.groupsById.get(id)?.name) ?? id;
  }

  /** Assignments in a stable order (license, then assignee name, Swedish collation) with ids a-000001…. */
  finishAssignments(): AssignmentRec[] {
    const collator = new Intl.Collator('sv');
    const licenseOrder = new Map(this.licenses.map((l, i) => [l.id, i]));
    const named = this.pending.map((p) => ({ p, name: this.displayName(p.assigneeType, p.assigneeId) }));
    named.sort(
      (a, b) =>
        (licenseOrder.get(a.p.licenseId) ?? 0) - (licenseOrder.get(b.p.licenseId) ?? 0) ||
        collator.compare(a.name, b.name) ||
        (a.p.assigneeId < b.p.assigneeId ? -1 : a.p.assigneeId > b.p.assigneeId ? 1 : 0),
    );
    return named.map(({ p }, i) => ({ id: `a-${pad(i + 1, 6)}`, ...p }));
  }
}

export function generateDataset(opts: GenerateOptions = {}): Dataset {
  const seed = opts.seed ?? 1;
  const students = Math.max(0, Math.floor(opts.students ?? 2000));
  const today = opts.today ?? isoToday();
  const demo: SchoolRec = { id: F.DEMO_SCHOOL_ID, name: F.DEMO_SCHOOL_NAME, domain: 'demoskolan.se' };
  const other: SchoolRec = { id: F.OTHER_SCHOOL_ID, name: F.OTHER_SCHOOL_NAME, domain: 'norrbyskolan.se' };
  const b = new Builder(subRng(seed, 'assign-times'), today);
  const names = subRng(seed, 'names');

  const forcedStudents = FORCED_DEMO_USERS.filter((u) => u.role === 'STUDENT').length;
  const demoStudents = Math.max(forcedStudents + 40, Math.round(students * 0.8));
  const otherStudents = Math.max(20, students - demoStudents);

  const classCount = (n: number, base: readonly string[]) =>
    Math.max(base.length, Math.min(base.length + extraClassNames(base).length, Math.ceil(n / 30)));
  const demoClassNames = [...DEMO_BASE_CLASSES, ...extraClassNames(DEMO_BASE_CLASSES)].slice(
    0,
    classCount(demoStudents, DEMO_BASE_CLASSES),
  );
  const otherClassNames = [...OTHER_BASE_CLASSES, ...extraClassNames(OTHER_BASE_CLASSES)].slice(
    0,
    classCount(otherStudents, OTHER_BASE_CLASSES),
  );
  const demoGroups = b.addSchoolGroups(demo, demoClassNames, 'g-');
  const otherGroups = b.addSchoolGroups(other, otherClassNames, 'g-norrby-');
  const demoGroup = (name: string): GroupRec => {
    const g = demoGroups.find((x) => x.name === name);
    if (!g) throw new Error(`no class ${name}`);
    return g;
  };
  const otherGroup = (name: string): GroupRec => {
    const g = otherGroups.find((x) => x.name === name);
    if (!g) throw new Error(`no class ${name}`);
    return g;
  };

  // --- people -------------------------------------------------------------------------------
  for (const f of FORCED_DEMO_USERS) {
    b.addUser(
      demo,
      f.first,
      f.last,
      f.role,
      f.className ? demoGroup(f.className) : undefined,
      f.active ?? true,
      f.id,
    );
  }
  const inactiveRng = subRng(seed, 'inactive');
  // Random names must not recreate the distinctive fixture names.
  const randomName = (): [string, string] => {
    for (;;) {
      const first = pick(names, FIRST_NAMES);
      const last = pick(names, LAST_NAMES);
      if (!(first === 'Östen' && last === 'Quickström')) return [first, last];
    }
  };
  const demoTeacherCount = Math.max(12, Math.round(demoStudents / 15));
  const demoTeachers: UserRec[] = [b.usersById.get(F.PSYKOLOGI_TEACHER_ID) as UserRec];
  for (let i = 1; i < demoTeacherCount; i++) {
    const [first, last] = randomName();
    demoTeachers.push(b.addUser(demo, first, last, 'TEACHER', demoGroups[i % demoGroups.length]));
  }
  const demoRandomStudents: UserRec[] = [];
  for (let i = 0; i < demoStudents - forcedStudents; i++) {
    const [first, last] = randomName();
    const group = demoGroups[i % demoGroups.length];
    demoRandomStudents.push(b.addUser(demo, first, last, 'STUDENT', group, inactiveRng() >= 0.03));
  }
  b.addUser(other, 'Lena', 'Strömberg', 'ADMIN');
  b.addUser(other, 'Jonas', 'Åhlén', 'ADMIN');
  const otherTeachers: UserRec[] = [];
  for (let i = 0; i < Math.max(6, Math.round(otherStudents / 15)); i++) {
    const [first, last] = randomName();
    otherTeachers.push(b.addUser(other, first, last, 'TEACHER', otherGroups[i % otherGroups.length]));
  }
  const otherStudentsList: UserRec[] = [];
  for (let i = 0; i < otherStudents; i++) {
    const [first, last] = randomName();
    const group = otherGroups[i % otherGroups.length];
    otherStudentsList.push(b.addUser(other, first, last, 'STUDENT', group, inactiveRng() >= 0.03));
  }

  const students_ = (g: GroupRec) => g.memberIds.filter((id) => b.usersById.get(id)?.role === 'STUDENT');
  const rnd = (label: string) => subRng(seed, label);
  const sample = (label: string, pool: readonly UserRec[], n: number) =>
    shuffled(rnd(label), pool)
      .slice(0, n)
      .map((u) => u.id);
  const inClasses = (names_: string[]) => (u: UserRec) => u.groupIds.some((g) => names_.includes(g));

  // --- Demoskolan licenses and assignments ----------------------------------------------------
  const D = demo.id;
  // Psykologi, exactly as in the seed: 20 + 2 seats, 2/22 assigned, valid until 2021-12-30.
  b.license({
    id: F.PSYKOLOGI_STUDENT_LICENSE_ID,
    schoolId: D,
    toolId: F.PSYKOLOGI_TOOL_ID,
    kind: 'SINGLE',
    seats: 20,
    validUntil: F.PSYKOLOGI_VALID_UNTIL,
    availableTo: ['STUDENT'],
  });
  const psyStaff = b.license({
    id: F.PSYKOLOGI_STAFF_LICENSE_ID,
    schoolId: D,
    toolId: F.PSYKOLOGI_TOOL_ID,
    kind: 'SINGLE',
    seats: 2,
    validUntil: F.PSYKOLOGI_VALID_UNTIL,
    availableTo: ['TEACHER', 'ADMIN'],
  });
  b.assign(psyStaff, 'USER', F.PSYKOLOGI_TEACHER_ID);
  b.assign(psyStaff, 'USER', F.SCHOOL_ADMIN_USER_ID);

  // The big single license: all of 9B (students and their mentor teachers), ~68 % of the others.
  const bigSeats = Math.max(60, Math.round(demoStudents * 0.8));
  const big = b.license({
    id: F.BIG_LICENSE_ID,
    schoolId: D,
    toolId: F.BIG_TOOL_ID,
    kind: 'SINGLE',
    seats: bigSeats,
    validUntil: addDays(today, 200),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  const bigTeachers = b.license({
    id: F.BIG_TEACHER_LICENSE_ID,
    schoolId: D,
    toolId: F.BIG_TOOL_ID,
    kind: 'SINGLE',
    seats: 30,
    validUntil: addDays(today, 200),
    availableTo: ['TEACHER'],
  });
  b.assignMany(big, 'USER', demoGroup('9B').memberIds);
  b.assignMany(big, 'USER', [F.QUICK_STUDENT_ID, F.MARKUP_USER_ID, F.INACTIVE_HOLDER_ID]);
  const bigRng = rnd('big');
  b.assignMany(
    big,
    'USER',
    demoRandomStudents.filter(() => bigRng() < 0.68).map((u) => u.id),
  );
  b.assignMany(big, 'USER', sample('big-teachers', demoTeachers.slice(1), 4));
  b.assignMany(bigTeachers, 'USER', sample('big-teacher-license', demoTeachers, 10));

  // Doubled holders: CLASS license to 9A, 9B, 8C and a SINGLE license held by some of 9A.
  const engClass = b.license({
    id: F.DOUBLED_CLASS_LICENSE_ID,
    schoolId: D,
    toolId: F.DOUBLED_TOOL_ID,
    kind: 'CLASS',
    seats: 4,
    validUntil: addDays(today, 150),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  for (const c of ['9A', '9B', '8C']) b.assign(engClass, 'GROUP', demoGroup(c).id);
  const engSingle = b.license({
    id: F.DOUBLED_SINGLE_LICENSE_ID,
    schoolId: D,
    toolId: F.DOUBLED_TOOL_ID,
    kind: 'SINGLE',
    seats: 40,
    validUntil: addDays(today, 150),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  b.assignMany(engSingle, 'USER', [F.DOUBLED_HOLDER_ID, F.INACTIVE_HOLDER_ID]);
  b.assignMany(engSingle, 'USER', sample('eng-9a', demoRandomStudents.filter(inClasses(['g-9a'])), 4));
  b.assignMany(
    engSingle,
    'USER',
    sample(
      'eng-other',
      demoRandomStudents.filter((u) => !inClasses(['g-9a', 'g-9b', 'g-8c'])(u)),
      6,
    ),
  );
  b.assignMany(engSingle, 'USER', sample('eng-teachers', demoTeachers, 3));

  // Class licenses to classes (one GROUP assignment per class), one expired.
  const bio = b.license({
    id: F.CLASS_LICENSE_ID,
    schoolId: D,
    toolId: F.CLASS_TOOL_ID,
    kind: 'CLASS',
    seats: 6,
    validUntil: addDays(today, 240),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  for (const c of ['7A', '7B', '7C', '8A']) b.assign(bio, 'GROUP', demoGroup(c).id);
  const bioOld = b.license({
    id: 'lic-biologi-klass-gammal',
    schoolId: D,
    toolId: F.CLASS_TOOL_ID,
    kind: 'CLASS',
    seats: 2,
    validUntil: addDays(today, -100),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  b.assign(bioOld, 'GROUP', demoGroup('9C').id);

  // A license pool: two SINGLE licenses (one expiring within 30 days); 8A and 8B take seats.
  const sv1 = b.license({
    id: 'lic-svenska-1',
    schoolId: D,
    toolId: F.POOL_TOOL_ID,
    kind: 'SINGLE',
    seats: 60,
    validUntil: addDays(today, 300),
    availableTo: ['STUDENT'],
    poolId: F.POOL_ID,
  });
  const sv2 = b.license({
    id: 'lic-svenska-2',
    schoolId: D,
    toolId: F.POOL_TOOL_ID,
    kind: 'SINGLE',
    seats: 40,
    validUntil: addDays(today, 20),
    availableTo: ['STUDENT', 'TEACHER'],
    poolId: F.POOL_ID,
  });
  b.pools.push({
    id: F.POOL_ID,
    schoolId: D,
    toolId: F.POOL_TOOL_ID,
    name: F.POOL_NAME,
    licenseIds: [sv1.id, sv2.id],
    autoAddNewLicenses: true,
  });
  const poolMembers = [...students_(demoGroup('8A')), ...students_(demoGroup('8B'))];
  // Each member takes one seat in the pool: the first license first, then the next; a few stay free.
  const poolTaken = poolMembers.slice(0, sv1.seats + sv2.seats - 12);
  b.assignMany(sv1, 'USER', poolTaken.slice(0, sv1.seats));
  b.assignMany(sv2, 'USER', poolTaken.slice(sv1.seats));
  const svTeachers = b.license({
    id: 'lic-svenska-larare',
    schoolId: D,
    toolId: F.POOL_TOOL_ID,
    kind: 'SINGLE',
    seats: 10,
    validUntil: addDays(today, 300),
    availableTo: ['TEACHER'],
  });
  b.assignMany(svTeachers, 'USER', sample('sv-teachers', demoTeachers, 4));

  // Expiring within 30 days.
  const kemi = b.license({
    id: F.EXPIRING_LICENSE_ID,
    schoolId: D,
    toolId: F.EXPIRING_TOOL_ID,
    kind: 'SINGLE',
    seats: 80,
    validUntil: addDays(today, 12),
    availableTo: ['STUDENT'],
  });
  b.assignMany(kemi, 'USER', [F.MARKUP_USER_ID, F.QUICK_STUDENT_ID]);
  b.assignMany(kemi, 'USER', sample('kemi', demoRandomStudents, 55));

  // Expired (still assigned) and a valid one.
  const histOld = b.license({
    id: F.EXPIRED_LICENSE_ID,
    schoolId: D,
    toolId: F.EXPIRED_TOOL_ID,
    kind: 'SINGLE',
    seats: 50,
    validUntil: addDays(today, -40),
    availableTo: ['STUDENT'],
  });
  b.assignMany(histOld, 'USER', sample('hist-old', demoRandomStudents, 30));
  const histNew = b.license({
    id: 'lic-historia-ny',
    schoolId: D,
    toolId: F.EXPIRED_TOOL_ID,
    kind: 'SINGLE',
    seats: 50,
    validUntil: addDays(today, 330),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  b.assignMany(histNew, 'USER', [F.QUICK_STUDENT_ID]);
  b.assignMany(histNew, 'USER', sample('hist-new', demoRandomStudents, 9));

  b.license({
    id: 'lic-ne-skola',
    schoolId: D,
    toolId: F.SCHOOL_LICENSE_TOOL_ID,
    kind: 'SCHOOL',
    seats: 0,
    validUntil: addDays(today, 180),
    availableTo: ['STUDENT', 'TEACHER', 'ADMIN'],
  });

  // CLASS license expiring within 30 days, to gymnasium classes.
  const fys = b.license({
    id: 'lic-fysik-klass',
    schoolId: D,
    toolId: F.EXPIRING_CLASS_TOOL_ID,
    kind: 'CLASS',
    seats: 3,
    validUntil: addDays(today, 25),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  for (const c of ['NA21a', 'NA22b', 'TE22b']) b.assign(fys, 'GROUP', demoGroup(c).id);
  const fysT = b.license({
    id: 'lic-fysik-larare',
    schoolId: D,
    toolId: F.EXPIRING_CLASS_TOOL_ID,
    kind: 'SINGLE',
    seats: 10,
    validUntil: addDays(today, 25),
    availableTo: ['TEACHER'],
  });
  b.assignMany(fysT, 'USER', sample('fys-teachers', demoTeachers, 2));

  const sam = b.license({
    id: 'lic-samhalle-personal',
    schoolId: D,
    toolId: 't-samhalle',
    kind: 'SINGLE',
    seats: 15,
    validUntil: addDays(today, 400),
    availableTo: ['TEACHER', 'ADMIN'],
  });
  b.assignMany(sam, 'USER', sample('sam-teachers', demoTeachers, 8));
  b.assignMany(sam, 'USER', ['u-00002']);

  const spa = b.license({
    id: F.FULL_LICENSE_ID,
    schoolId: D,
    toolId: F.FULL_TOOL_ID,
    kind: 'SINGLE',
    seats: 5,
    validUntil: addDays(today, 90),
    availableTo: ['STUDENT'],
  });
  b.assignMany(spa, 'USER', sample('spanska', demoRandomStudents, 5));

  // A SINGLE license given to a class: one USER assignment per member of NA21a.
  const na21a = students_(demoGroup('NA21a'));
  const rel = b.license({
    id: 'lic-religion-elev',
    schoolId: D,
    toolId: F.SINGLE_TO_CLASS_TOOL_ID,
    kind: 'SINGLE',
    seats: Math.max(120, na21a.length + 10),
    validUntil: addDays(today, 120),
    availableTo: ['STUDENT'],
  });
  b.assignMany(rel, 'USER', na21a);

  b.license({
    id: F.EMPTY_LICENSE_ID,
    schoolId: D,
    toolId: F.EMPTY_TOOL_ID,
    kind: 'SINGLE',
    seats: 10,
    validUntil: addDays(today, 90),
    availableTo: ['STUDENT'],
  });

  // --- Norrbyskolan ---------------------------------------------------------------------------
  const N = other.id;
  const nMat = b.license({
    id: 'lic-norrby-matematik',
    schoolId: N,
    toolId: F.BIG_TOOL_ID,
    kind: 'SINGLE',
    seats: Math.round(otherStudents * 0.6) + 10,
    validUntil: addDays(today, 200),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  const nRng = rnd('norrby-mat');
  b.assignMany(
    nMat,
    'USER',
    otherStudentsList.filter(() => nRng() < 0.5).map((u) => u.id),
  );
  const nEng = b.license({
    id: 'lic-norrby-engelska-klass',
    schoolId: N,
    toolId: F.DOUBLED_TOOL_ID,
    kind: 'CLASS',
    seats: 3,
    validUntil: addDays(today, 150),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  for (const c of ['7A', '8A']) b.assign(nEng, 'GROUP', otherGroup(c).id);
  b.license({
    id: 'lic-norrby-ne-skola',
    schoolId: N,
    toolId: F.SCHOOL_LICENSE_TOOL_ID,
    kind: 'SCHOOL',
    seats: 0,
    validUntil: addDays(today, 180),
    availableTo: ['STUDENT', 'TEACHER', 'ADMIN'],
  });
  const nTek = b.license({
    id: 'lic-norrby-teknik',
    schoolId: N,
    toolId: F.OTHER_SCHOOL_ONLY_TOOL_ID,
    kind: 'SINGLE',
    seats: 30,
    validUntil: addDays(today, 5),
    availableTo: ['STUDENT', 'TEACHER'],
  });
  b.assignMany(nTek, 'USER', sample('norrby-teknik', otherStudentsList, 20));
  b.assignMany(nTek, 'USER', sample('norrby-teknik-t', otherTeachers, 2));

  const schoolToolIds: Record<string, string[]> = {
    [D]: TOOLS.filter((t) => t.id !== F.OTHER_SCHOOL_ONLY_TOOL_ID).map((t) => t.id),
    [N]: [
      F.BIG_TOOL_ID,
      F.DOUBLED_TOOL_ID,
      F.FREE_TOOL_ID,
      't-scratch',
      F.SCHOOL_LICENSE_TOOL_ID,
      F.OTHER_SCHOOL_ONLY_TOOL_ID,
    ],
  };

  return {
    seed,
    students,
    today,
    organization: { ...F.ORGANIZATION },
    schools: [demo, other],
    users: b.users,
    groups: b.groups,
    tools: TOOLS.map((t) => ({ ...t, grades: t.grades ? [...t.grades] : undefined })),
    schoolToolIds,
    licenses: b.licenses,
    pools: b.pools,
    assignments: b.finishAssignments(),
  };
}
