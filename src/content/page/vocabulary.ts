// The page's words in Swedish, Norwegian and English, folded for comparison.
// Recognition never hinges on one exact string: each meaning has every spelling we know of,
// and structure decides first (see recognise.ts); labels only confirm.
import { fold } from '../../shared/fold.ts';

const words = (...list: string[]) => new Set(list.map(fold));

/** The license table's columns: Licenser | Tilldelad | Antal | Licenstid | Tillgänglighet | Hantering. */
export const LICENSE_COLUMNS = {
  licenses: words('Licenser', 'Lisenser', 'Licences', 'Licenses', 'Licens', 'Lisens', 'Licence', 'License'),
  assignedTo: words('Tilldelad', 'Tilldelat', 'Tildelt', 'Assigned', 'Assigned to'),
  quantity: words('Antal', 'Antall', 'Quantity', 'Number', 'Amount', 'Seats'),
  licensePeriod: words('Licenstid', 'Lisenstid', 'Licence period', 'License period', 'Valid until'),
  availability: words('Tillgänglighet', 'Tilgjengelighet', 'Availability', 'Available to'),
  manage: words('Hantering', 'Håndtering', 'Manage', 'Management', 'Actions'),
} as const;
export type LicenseColumn = keyof typeof LICENSE_COLUMNS;

/** The withdraw dialog's columns (user rows: name, email, class, role; class rows: class, members). */
export const DIALOG_COLUMNS = {
  name: words('Namn', 'Navn', 'Name', 'Användare', 'Bruker', 'User'),
  email: words('E-post', 'Epost', 'E-postadress', 'Email', 'E-mail', 'Email address'),
  class: words('Klass', 'Klasse', 'Class', 'Klasser', 'Klasser', 'Classes', 'Grupp', 'Gruppe', 'Group'),
  role: words('Roll', 'Rolle', 'Role', 'Typ', 'Type'),
  members: words('Medlemmar', 'Medlemmer', 'Members', 'Antal elever', 'Elever', 'Students'),
} as const;
export type DialogColumn = keyof typeof DIALOG_COLUMNS;

export const TABS = {
  ourLicenses: words('Våra licenser', 'Våre lisenser', 'Our licences', 'Our licenses'),
  licensePools: words('Licenspooler', 'Lisenspooler', 'Licence pools', 'License pools'),
} as const;

export const WITHDRAW = words('Dra tillbaka', 'Trekk tilbake', 'Withdraw', 'Revoke');
export const CLOSE = words('Stäng', 'Lukk', 'Close', '×', '✕');

type Role = 'STUDENT' | 'TEACHER' | 'ADMIN';
const roleWords = (role: Role, ...list: string[]) => list.map((word) => [fold(word), role] as const);
/**
 * Roles as the page writes them, by folded word ("Administratör" and "Administrator" both mean
 * ADMIN): one lookup for each row of a dialog at each read.
 */
const ROLE_OF_WORD = new Map<string, Role>([
  ...roleWords('STUDENT', 'Elev', 'Student', 'Pupil'),
  ...roleWords('TEACHER', 'Lärare', 'Lærer', 'Teacher'),
  ...roleWords('ADMIN', 'Administratör', 'Administrator', 'Admin', 'Skoladministratör'),
]);

/** The badge a page shows beside someone who left the school. */
export const INACTIVE = words('Inaktiv', 'Inactive', 'Har slutat', 'Har sluttet', 'Left', 'Slutat');

/** "2/22 tilldelade" · "2/22 tildelt" · "2/22 assigned". */
export const COUNTER =
  /(\d{1,3}(?:[\s\u00a0]\d{3})+|\d+)\s*\/\s*(\d{1,3}(?:[\s\u00a0]\d{3})+|\d+)\s*(tilldelade|tildelte?|assigned)\b/i;
/** The counter's word alone: a linear test that decides most texts before COUNTER reads them. */
export const COUNTER_WORD = /tilldelade|tildelt|assigned/i;

/** A paged list's button that loads the next rows. */
export const SHOW_MORE = words(
  'Visa fler',
  'Visa mer',
  'Ladda fler',
  'Vis flere',
  'Vis mer',
  'Last inn flere',
  'Show more',
  'Load more',
);

/** "Visar 50 av 1000" · "Viser 50 av 1000" · "Showing 50 of 1000" · "50 av 1000 visas": loaded of all. */
export const LOADED_OF_TOTAL: readonly RegExp[] = [
  /(?:visar|viser|showing)\s+(\d[\d\s\u00a0]*?)\s+(?:av|of)\s+(\d[\d\u00a0]*(?:\s\d{3})*)/i,
  /(\d[\d\u00a0]*(?:\s\d{3})*)\s+(?:av|of)\s+(\d[\d\u00a0]*(?:\s\d{3})*)\s+(?:visas|vises|shown)/i,
];

/** The page header's "Skoladmin Demoskolan": the school the page is about. */
export const SCHOOL_ADMIN_PREFIX = /^(?:Skoladmin|Skoleadmin|School admin)\s+(.+)$/i;

export function matches(set: Set<string>, text: string | null | undefined): boolean {
  return set.has(fold(text ?? ''));
}

export function roleOf(text: string): Role | null {
  return ROLE_OF_WORD.get(fold(text)) ?? null;
}

/** The license table's first column: which kind of license a row is. */
const LICENSE_KINDS: Record<'SINGLE' | 'CLASS' | 'SCHOOL', Set<string>> = {
  SINGLE: words(
    'Singellicenser',
    'Singellicens',
    'Enkeltlisenser',
    'Enkeltlisens',
    'Single licences',
    'Single licenses',
  ),
  CLASS: words(
    'Klasslicenser',
    'Klasslicens',
    'Grupplicenser',
    'Klasselisenser',
    'Class licences',
    'Class licenses',
  ),
  SCHOOL: words('Skollicenser', 'Skollicens', 'Skolelisenser', 'School licences', 'School licenses'),
};

export function kindOf(text: string): 'SINGLE' | 'CLASS' | 'SCHOOL' | null {
  const folded = fold(text);
  for (const [kind, set] of Object.entries(LICENSE_KINDS)) {
    if (set.has(folded)) return kind as 'SINGLE' | 'CLASS' | 'SCHOOL';
  }
  return null;
}
