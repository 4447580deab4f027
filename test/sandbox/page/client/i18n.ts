// The page's strings in Swedish (default), Norwegian Bokmål and English, after the vocabulary
// of Skolon's own pages. Swedish strings are those of Skolon's help article.
import type { License, Locale, Role, Tool } from '../../../../src/shared/model.ts';

const sv = {
  skolon: 'skolon',
  skoladmin: 'Skoladmin',
  adminMenu: 'Skoladmin-meny',
  tools: 'Verktyg',
  toolManagement: 'Verktygshantering',
  users: 'Användare',
  classes: 'Klasser',
  searchTools: 'Sök verktyg',
  search: 'Sök',
  name: 'Namn',
  supplier: 'Leverantör',
  licenseType: 'Licenstyp',
  compatibility: 'Kompatibilitet',
  subject: 'Ämne',
  grade: 'Årskurs',
  category: 'Kategori',
  dataSharing: 'Datadelning',
  dataSharingValue: 'Vid användning',
  manageGroups: 'HANTERA GRUPPER',
  manageLicenses: 'HANTERA LICENSER',
  showInLibrary: 'VISA I BIBLIOTEKET',
  buyLicenses: 'KÖP LICENSER',
  ourLicenses: 'Våra licenser',
  licensePools: 'Licenspooler',
  licensePool: 'Licenspool',
  withdraw: 'Dra tillbaka',
  assignedCount: 'tilldelade',
  notAssigned: 'Ej tilldelade',
  assignedState: 'Tilldelat',
  singleLicenses: 'Singellicenser',
  classLicenses: 'Klasslicenser',
  schoolLicenses: 'Skollicenser',
  wholeSchool: 'Hela skolan',
  licenses: 'Licenser',
  assignedTo: 'Tilldelad',
  quantity: 'Antal',
  licensePeriod: 'Licenstid',
  availability: 'Tillgänglighet',
  manage: 'Hantering',
  manageButton: 'Hantera',
  student: 'Elev',
  teacher: 'Lärare',
  admin: 'Administratör',
  integrated: 'Integrerat',
  free: 'Kostnadsfritt',
  local: 'Lokalt',
  external: 'Externt',
  breadcrumb: 'Brödsmulor',
  assignedLicenses: 'Tilldelade licenser',
  selectAll: 'Markera alla',
  select: 'Markera',
  close: 'Stäng',
  email: 'E-post',
  class: 'Klass',
  role: 'Roll',
  members: 'Medlemmar',
  selected: 'markerade',
  inactive: 'Inaktiv',
  loading: 'Laddar …',
  withdrawing: 'Drar tillbaka …',
  nothingAssigned: 'Inga tilldelade licenser',
  noTools: 'Inga verktyg hittades',
  noRows: 'Inga licenser',
  sessionExpired: 'Sessionen har gått ut – logga in igen',
  failed: 'Något gick fel. Försök igen.',
  someFailed: 'Några licenser kunde inte dras tillbaka.',
  notFound: 'Verktyget hittades inte.',
  login: 'Logga in',
  notSignedIn: 'Du är inte inloggad.',
  expired: 'Utgången',
  expiring: 'Utgående',
  showMore: 'Visa fler',
  showing: 'Visar',
  of: 'av',
};

type Strings = typeof sv;

const nb: Strings = {
  skolon: 'skolon',
  skoladmin: 'Skoleadmin',
  adminMenu: 'Skoleadmin-meny',
  tools: 'Verktøy',
  toolManagement: 'Verktøyhåndtering',
  users: 'Brukere',
  classes: 'Klasser',
  searchTools: 'Søk etter verktøy',
  search: 'Søk',
  name: 'Navn',
  supplier: 'Leverandør',
  licenseType: 'Lisenstype',
  compatibility: 'Kompatibilitet',
  subject: 'Fag',
  grade: 'Trinn',
  category: 'Kategori',
  dataSharing: 'Datadeling',
  dataSharingValue: 'Ved bruk',
  manageGroups: 'HÅNDTER GRUPPER',
  manageLicenses: 'HÅNDTER LISENSER',
  showInLibrary: 'VIS I BIBLIOTEKET',
  buyLicenses: 'KJØP LISENSER',
  ourLicenses: 'Våre lisenser',
  licensePools: 'Lisenspooler',
  licensePool: 'Lisenspool',
  withdraw: 'Trekk tilbake',
  assignedCount: 'tildelt',
  notAssigned: 'Ikke tildelt',
  assignedState: 'Tildelt',
  singleLicenses: 'Enkeltlisenser',
  classLicenses: 'Klasselisenser',
  schoolLicenses: 'Skolelisenser',
  wholeSchool: 'Hele skolen',
  licenses: 'Lisenser',
  assignedTo: 'Tildelt',
  quantity: 'Antall',
  licensePeriod: 'Lisenstid',
  availability: 'Tilgjengelighet',
  manage: 'Håndtering',
  manageButton: 'Håndter',
  student: 'Elev',
  teacher: 'Lærer',
  admin: 'Administrator',
  integrated: 'Integrert',
  free: 'Gratis',
  local: 'Lokalt',
  external: 'Eksternt',
  breadcrumb: 'Brødsmuler',
  assignedLicenses: 'Tildelte lisenser',
  selectAll: 'Merk alle',
  select: 'Merk',
  close: 'Lukk',
  email: 'E-post',
  class: 'Klasse',
  role: 'Rolle',
  members: 'Medlemmer',
  selected: 'valgt',
  inactive: 'Inaktiv',
  loading: 'Laster …',
  withdrawing: 'Trekker tilbake …',
  nothingAssigned: 'Ingen tildelte lisenser',
  noTools: 'Fant ingen verktøy',
  noRows: 'Ingen lisenser',
  sessionExpired: 'Økten er utløpt – logg inn igjen',
  failed: 'Noe gikk galt. Prøv igjen.',
  someFailed: 'Noen lisenser kunne ikke trekkes tilbake.',
  notFound: 'Fant ikke verktøyet.',
  login: 'Logg inn',
  notSignedIn: 'Du er ikke logget inn.',
  expired: 'Utløpt',
  expiring: 'Utløper snart',
  showMore: 'Vis flere',
  showing: 'Viser',
  of: 'av',
};

const en: Strings = {
  skolon: 'skolon',
  skoladmin: 'School admin',
  adminMenu: 'School admin menu',
  tools: 'Tools',
  toolManagement: 'Tool management',
  users: 'Users',
  classes: 'Classes',
  searchTools: 'Search tools',
  search: 'Search',
  name: 'Name',
  supplier: 'Supplier',
  licenseType: 'Licence type',
  compatibility: 'Compatibility',
  subject: 'Subject',
  grade: 'Year',
  category: 'Category',
  dataSharing: 'Data sharing',
  dataSharingValue: 'On use',
  manageGroups: 'MANAGE GROUPS',
  manageLicenses: 'MANAGE LICENCES',
  showInLibrary: 'SHOW IN LIBRARY',
  buyLicenses: 'BUY LICENCES',
  ourLicenses: 'Our licences',
  licensePools: 'Licence pools',
  licensePool: 'Licence pool',
  withdraw: 'Withdraw',
  assignedCount: 'assigned',
  notAssigned: 'Not assigned',
  assignedState: 'Assigned',
  singleLicenses: 'Single licences',
  classLicenses: 'Class licences',
  schoolLicenses: 'School licences',
  wholeSchool: 'Whole school',
  licenses: 'Licences',
  assignedTo: 'Assigned',
  quantity: 'Quantity',
  licensePeriod: 'Licence period',
  availability: 'Availability',
  manage: 'Manage',
  manageButton: 'Manage',
  student: 'Student',
  teacher: 'Teacher',
  admin: 'Administrator',
  integrated: 'Integrated',
  free: 'Free',
  local: 'Local',
  external: 'External',
  breadcrumb: 'Breadcrumb',
  assignedLicenses: 'Assigned licences',
  selectAll: 'Select all',
  select: 'Select',
  close: 'Close',
  email: 'Email',
  class: 'Class',
  role: 'Role',
  members: 'Members',
  selected: 'selected',
  inactive: 'Inactive',
  loading: 'Loading …',
  withdrawing: 'Withdrawing …',
  nothingAssigned: 'No assigned licences',
  noTools: 'No tools found',
  noRows: 'No licences',
  sessionExpired: 'Your session has expired – sign in again',
  failed: 'Something went wrong. Please try again.',
  someFailed: 'Some licences could not be withdrawn.',
  notFound: 'The tool was not found.',
  login: 'Log in',
  notSignedIn: 'You are not signed in.',
  expired: 'Expired',
  expiring: 'Expiring',
  showMore: 'Show more',
  showing: 'Showing',
  of: 'of',
};

const STRINGS: Record<Locale, Strings> = { sv, nb, en };

export function isLocale(value: string | null | undefined): value is Locale {
  return value === 'sv' || value === 'nb' || value === 'en';
}

/** Everything a view needs to speak one language. */
export interface Lang {
  locale: Locale;
  t: Strings;
  users(n: number): string;
  classCount(n: number): string;
  pieces(n: number): string;
  counter(assigned: number, seats: number): string;
  /** The paged dialog's status: "Visar 50 av 1000". */
  showing(loaded: number, total: number): string;
  role(role: Role): string;
  roles(roles: readonly Role[]): string;
  toolType(type: Tool['toolType']): string;
  kind(kind: License['kind']): string;
}

export function lang(locale: Locale): Lang {
  const t = STRINGS[locale];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return {
    locale,
    t,
    users: (n) =>
      locale === 'sv'
        ? plural(n, 'användare', 'användare')
        : locale === 'nb'
          ? plural(n, 'bruker', 'brukere')
          : plural(n, 'user', 'users'),
    classCount: (n) =>
      locale === 'sv'
        ? plural(n, 'klass', 'klasser')
        : locale === 'nb'
          ? plural(n, 'klasse', 'klasser')
          : plural(n, 'class', 'classes'),
    pieces: (n) => `${n} ${locale === 'sv' ? 'st' : locale === 'nb' ? 'stk' : 'pcs'}`,
    counter: (assigned, seats) => `${assigned}/${seats} ${t.assignedCount}`,
    showing: (loaded, total) => `${t.showing} ${loaded} ${t.of} ${total}`,
    role: (role) => (role === 'STUDENT' ? t.student : role === 'TEACHER' ? t.teacher : t.admin),
    roles(roles) {
      return roles.map((r) => this.role(r)).join(', ');
    },
    toolType: (type) =>
      type === 'INTEGRATED'
        ? t.integrated
        : type === 'FREE'
          ? t.free
          : type === 'LOCAL'
            ? t.local
            : t.external,
    kind: (kind) =>
      kind === 'SINGLE' ? t.singleLicenses : kind === 'CLASS' ? t.classLicenses : t.schoolLicenses,
  };
}
