/**
 * Workshop sessions (docs/workshop.md): the owner opens a session on a chosen network interface, the facilitator
 * assigns members and what each scores, members sign in on their own devices with the session's PIN, their name and
 * a per-member secret (or a one-time code), and the projector shows progress, then the revealed results.
 */
import { z } from 'zod';
import { hasUnsafeCharacters } from '../domain/line-formats';

const id = z.number().int().positive();

/** The roles a signed-in workshop participant can hold (the owner is the desktop itself, never a participant). */
export const PARTICIPANT_ROLES = ['facilitator', 'member', 'observer'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** The longest name and secret a participant may have: the forms stop typing there. */
export const WORKSHOP_TEXT_LIMITS = { name: 120, secret: 64 } as const;

/** A person's name as typed on a phone: one line, no control characters. */
const personName = z
  .string()
  .trim()
  .min(1)
  .max(WORKSHOP_TEXT_LIMITS.name)
  .refine((s) => !hasUnsafeCharacters(s), {
    message: 'must be one line without control characters',
    params: { th: 'ต้องเป็นข้อความบรรทัดเดียว ไม่มีอักขระควบคุม' },
  });

/** A per-member secret set by the secretariat: 6 to 64 characters. */
const secret = z.string().min(6).max(WORKSHOP_TEXT_LIMITS.secret);

/** The session's short PIN: six digits. */
export const PIN_PATTERN = /^\d{6}$/u;

/** A one-time code the facilitator hands out: eight characters from an alphabet without look-alikes. */
export const ONE_TIME_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ONE_TIME_CODE_LENGTH = 8;

/** An address the session may listen on: IPv4 or IPv6 literal (from `workshop.interfaces`). */
const address = z
  .string()
  .max(64)
  .regex(/^[0-9a-fA-F.:]+$/u, { message: 'an IP address' });

export const workshopSchemas = {
  /** The machine's network interfaces a session can listen on; loopback first (the default). */
  'workshop.interfaces': z.object({}).strict(),
  /** Opens the round's session on one interface (loopback unless another is chosen). One session at a time. */
  'workshop.open': z.object({ roundId: id, address: address.optional() }).strict(),
  /** Closes the open session: every token is revoked and the extra listener stops. */
  'workshop.close': z.object({}).strict(),
  /** The open session for the facilitator: PIN, join link, QR code, participants and their progress. */
  'workshop.status': z.object({}).strict(),
  /**
   * Adds or changes a participant: a round member (role `member`, name defaults to theirs) or a facilitator or
   * observer by name; the projects and criteria a member scores (omitted: all of the round's); a secret to set.
   */
  'workshop.setParticipant': z
    .object({
      participantId: id.optional(),
      role: z.enum(PARTICIPANT_ROLES),
      memberId: id.optional(),
      name: personName.optional(),
      secret: secret.optional(),
      projectIds: z.array(id).max(5000).optional(),
      criterionIds: z.array(id).max(200).optional(),
    })
    .strict(),
  /** Removes a participant and revokes their tokens (their scores stay, as the record). */
  'workshop.removeParticipant': z.object({ participantId: id }).strict(),
  /** A fresh one-time code for a participant (the previous unused one stops working). */
  'workshop.issueCode': z.object({ participantId: id }).strict(),
  /** Shows (or hides again) the aggregated results on the projector and members' devices. */
  'workshop.reveal': z.object({ revealed: z.boolean() }).strict(),
  /** Sign-in from a device: the session PIN, the participant's name and their secret or one-time code. */
  'workshop.signIn': z
    .object({
      pin: z.string().regex(PIN_PATTERN, { message: 'six digits' }),
      name: personName,
      secret: z.string().min(1).max(WORKSHOP_TEXT_LIMITS.secret),
    })
    .strict(),
  /** Ends this device's sign-in (its token is revoked). */
  'workshop.signOut': z.object({}).strict(),
  /** Who this connection is: its role, the participant it signed in as, and the open session. */
  'workshop.me': z.object({}).strict(),
  /** A signed-in member's own sheet: the projects and criteria assigned to them and their own scores. */
  'workshop.mySheet': z.object({}).strict(),
  /** The projector: progress per member; results, disagreement and the live allocation once revealed. */
  'workshop.projector': z.object({}).strict(),
} as const;

export type NetworkInterfaceOption = Readonly<{
  address: string;
  family: 'IPv4' | 'IPv6';
  /** The operating system's name for it (eth0, Wi-Fi …). */
  name: string;
  loopback: boolean;
}>;

export type ParticipantView = Readonly<{
  id: number;
  role: ParticipantRole;
  name: string;
  memberId: number | null;
  hasSecret: boolean;
  /** A one-time code was issued and not used yet. */
  codePending: boolean;
  /** Devices signed in as this participant now (tokens not revoked). */
  devices: number;
  /** For members: cells assigned (projects × member-scored criteria) and cells scored. */
  assigned: number;
  scored: number;
}>;

export type WorkshopStatus = Readonly<{
  sessionId: number;
  roundId: number;
  roundName: string;
  pin: string;
  address: string;
  joinUrl: string;
  /** The join link as an SVG QR code. */
  qrSvg: string;
  revealed: boolean;
  openedAt: string;
  participants: ParticipantView[];
}>;

export type SignInResult = Readonly<{ token: string; role: ParticipantRole; participantId: number; name: string }>;

export type WhoAmI = Readonly<{
  role: 'owner' | 'facilitator' | 'member' | 'observer' | 'guest';
  participant: Readonly<{ id: number; name: string; memberId: number | null }> | null;
  session: Readonly<{ roundId: number; roundName: string; revealed: boolean }> | null;
}>;

export type SheetCriterion = Readonly<{
  id: number;
  code: string;
  nameTh: string;
  nameEn: string;
  scaleMin: number;
  scaleMax: number;
}>;

export type SheetProject = Readonly<{ id: number; code: string; title: string; agency: string; requested: number }>;

export type MemberSheet = Readonly<{
  roundId: number;
  memberId: number;
  name: string;
  projects: SheetProject[];
  criteria: SheetCriterion[];
  /** Only this member's own scores, with the version each write must name. */
  scores: Readonly<{ projectId: number; criterionId: number; value: number; version: number }>[];
  /**
   * Cells whose score was taken back (not scored again, e.g. by the secretariat in the scoring grid), with the version
   * the next write must name: without it a device would name 0 and every new score of the cell would be a conflict.
   */
  cleared: Readonly<{ projectId: number; criterionId: number; version: number }>[];
  /** The member's declared conflicts of interest on the sheet's projects: not scored, not due. */
  conflicts: Readonly<{ projectId: number; reason: string }>[];
}>;

export type ProjectorRow = Readonly<{
  projectId: number;
  code: string;
  title: string;
  rank: number;
  composite: number;
  /** How far members' scores of this project spread (0 = all agree, 1 = as far apart as the scale allows). */
  disagreement: number;
  requested: number;
  funded: number;
}>;

export type ProjectorView = Readonly<{
  roundId: number;
  roundName: string;
  revealed: boolean;
  progress: Readonly<{ participantId: number; name: string; assigned: number; scored: number }>[];
  /** Null until the facilitator reveals the results. */
  results: Readonly<{
    ceiling: number;
    totalFunded: number;
    fundedCount: number;
    /** What the committee's included projects take when that is more than the ceiling (nothing funded); else null. */
    includedOverCeiling: number | null;
    /** The top of the ranking (at most 50 rows). */
    rows: ProjectorRow[];
  }> | null;
}>;
