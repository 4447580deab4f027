// Notable fixtures of the generated data set that tests rely on. Every id and name here is
// stable for any seed and any --students size (the generator creates these records first).

export const ORGANIZATION = { id: 'org-demo', name: 'Demo kommun' } as const;
export const DEMO_SCHOOL_ID = 'school-demo';
export const DEMO_SCHOOL_NAME = 'Demoskolan';
export const OTHER_SCHOOL_ID = 'school-norrby';
export const OTHER_SCHOOL_NAME = 'Norrbyskolan';

/** The signed-in user of a SCHOOL_ADMIN session (also the administrator holding a Psykologi seat). */
export const SCHOOL_ADMIN_USER_ID = 'u-00001';
export const SCHOOL_ADMIN_USER_NAME = 'Per-Olof Åkesson';
/** The signed-in user of an ORG_ADMIN session (not a member of any school). */
export const ORG_ADMIN_USER_ID = 'u-org-admin';
export const ORG_ADMIN_USER_NAME = 'Karin Holm';

// The seed's tool: 22 single licenses in two rows (20 for students, none assigned; 2 for
// teachers and administrators, both assigned), valid until 2021-12-30 → "2/22 tilldelade".
export const PSYKOLOGI_TOOL_ID = 't-psykologi';
export const PSYKOLOGI_TOOL_NAME = 'Psykologi för gymnasiet Digitalbok';
export const PSYKOLOGI_STUDENT_LICENSE_ID = 'lic-psykologi-elev';
export const PSYKOLOGI_STAFF_LICENSE_ID = 'lic-psykologi-personal';
export const PSYKOLOGI_VALID_UNTIL = '2021-12-30';
/** The teacher holding one of the two assigned Psykologi seats (the other is SCHOOL_ADMIN_USER_ID). */
export const PSYKOLOGI_TEACHER_ID = 'u-00004';
export const PSYKOLOGI_TEACHER_NAME = 'Karin Lindén';

/** One big single license: all of class 9B plus ~70 % of the other students (≥ 1,000 USER
 * assignments at --students 2000), and a small teacher license. */
export const BIG_TOOL_ID = 't-matematik';
export const BIG_TOOL_NAME = 'Matematik 7–9 Digital';
/** The big dialog: the gear of BIG_LICENSE_ID's row lists ≥ 1,000 holders at --students 2000
 * (1,110 at seed 1), every member of class 9B among them (35 at seed 1: 33 students, 2 teachers).
 * For --dialog paged ("Visa fler" 50 at a time) and for selecting a class across a long list. */
export const BIG_LICENSE_ID = 'lic-matematik-elev';
export const BIG_TEACHER_LICENSE_ID = 'lic-matematik-larare';
export const CLASS_9B_ID = 'g-9b';
export const CLASS_9B_NAME = '9B';

/** CLASS licenses assigned to classes 9A, 9B, 8C, plus a SINGLE license held by some 9A
 * students: those students hold the tool twice ("doubled holders"). */
export const DOUBLED_TOOL_ID = 't-engelska';
export const DOUBLED_CLASS_LICENSE_ID = 'lic-engelska-klass';
export const DOUBLED_SINGLE_LICENSE_ID = 'lic-engelska-singel';
/** Tool with CLASS licenses to 7A, 7B, 7C, 8A (valid) and 9C (expired license). */
export const CLASS_TOOL_ID = 't-biologi';
export const CLASS_LICENSE_ID = 'lic-biologi-klass';

/** Tool with a license pool of two SINGLE licenses (assignments carry the poolId). */
export const POOL_TOOL_ID = 't-svenska';
export const POOL_ID = 'pool-svenska';
export const POOL_NAME = 'Svenskapoolen';

/** A SINGLE license expiring 12 days after the generation date. */
export const EXPIRING_TOOL_ID = 't-kemi';
export const EXPIRING_LICENSE_ID = 'lic-kemi-elev';
/** A CLASS license expiring 25 days after the generation date. */
export const EXPIRING_CLASS_TOOL_ID = 't-fysik';
/** A tool with an expired license that still has assignments (and a valid one). */
export const EXPIRED_TOOL_ID = 't-historia';
export const EXPIRED_LICENSE_ID = 'lic-historia-gammal';
/** A SCHOOL license (counts 0 seats, never has assignments). */
export const SCHOOL_LICENSE_TOOL_ID = 't-ne';
/** Full: 5 seats, 5 assigned → assigning gives NO_SEATS. */
export const FULL_TOOL_ID = 't-spanska';
export const FULL_LICENSE_ID = 'lic-spanska-elev';
/** SINGLE license given to class NA21a: one USER assignment per member. */
export const SINGLE_TO_CLASS_TOOL_ID = 't-religion';
/** Integrated tool with a license but no assignments at all. */
export const EMPTY_TOOL_ID = 't-franska';
export const EMPTY_LICENSE_ID = 'lic-franska-elev';
export const FREE_TOOL_ID = 't-geogebra';
export const LOCAL_TOOL_ID = 't-bibliotek';
export const EXTERNAL_TOOL_ID = 't-inlasning';
/** Only Norrbyskolan has this tool. */
export const OTHER_SCHOOL_ONLY_TOOL_ID = 't-teknik';

/** A student holding exactly three licenses (USER assignments), in three different tools:
 * BIG_TOOL_ID, EXPIRING_TOOL_ID and EXPIRED_TOOL_ID (its valid license). Class EK23a. */
export const QUICK_STUDENT_ID = 'u-00020';
export const QUICK_STUDENT_NAME = 'Östen Quickström';
export const QUICK_STUDENT_TOOL_IDS = [BIG_TOOL_ID, EXPIRING_TOOL_ID, EXPIRED_TOOL_ID] as const;

/** Untrusted display text: a user whose name looks like markup. Holds EXPIRING_TOOL_ID and BIG_TOOL_ID. */
export const MARKUP_USER_ID = 'u-00021';
export const MARKUP_USER_NAME = '<img src=x onerror=alert(1)> Test';

/** The same full name in two classes (7A and 8B). */
export const SAME_NAME = 'Erik Johansson';
export const SAME_NAME_USER_IDS = ['u-00010', 'u-00011'] as const;

/** Students named Åsa (search "asa" finds them all, accent-insensitively). */
export const ASA_USER_IDS = ['u-00005', 'u-00006', 'u-00007', 'u-00008', 'u-00009'] as const;

/** A student who has left (active:false) but still holds BIG_TOOL_ID and DOUBLED_TOOL_ID seats. Class 9B. */
export const INACTIVE_HOLDER_ID = 'u-00012';
export const INACTIVE_HOLDER_NAME = 'Sven-Åke Lindén';
/** A student of 9A holding DOUBLED_SINGLE_LICENSE_ID while 9A holds DOUBLED_CLASS_LICENSE_ID. */
export const DOUBLED_HOLDER_ID = 'u-00013';
