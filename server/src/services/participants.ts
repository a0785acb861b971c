import type { Profile } from '@dilna/shared';
import { newId } from '../ids.ts';
import type { Notifier } from '../realtime/notifier.ts';
import type { Repositories } from '../repositories/index.ts';
import { HttpError } from './errors.ts';

/** Anonymous participants: a join code gets a participant id, kept in a signed cookie per meeting. */
export class ParticipantsService {
  constructor(
    private readonly repos: Repositories,
    private readonly notifier: Notifier,
  ) {}

  meetingByCode(code: string) {
    return this.repos.meetings.getByJoinCode(code);
  }

  /** Joins the meeting, keeping the participant's identity if the cookie already holds one. */
  join(meetingId: string, knownParticipantId: string | null): string {
    if (knownParticipantId && this.repos.participants.exists(knownParticipantId, meetingId)) return knownParticipantId;
    const id = newId();
    this.repos.participants.insert(id, meetingId);
    this.notifier.meetingChanged(meetingId);
    return id;
  }

  /** The participant a (verified) cookie names, if it belongs to this meeting. */
  identify(meetingId: string, participantId: string | null): string {
    if (!participantId || !this.repos.participants.exists(participantId, meetingId)) {
      throw new HttpError(401, 'unauthorized', 'not joined');
    }
    return participantId;
  }

  /** What the participant told about themselves (name, organisation), for their own phone. */
  profile(meetingId: string, participantId: string | null): Profile {
    const id = this.identify(meetingId, participantId);
    return this.repos.participants.profile(id) ?? { name: '', organisation: '' };
  }

  setProfile(meetingId: string, participantId: string | null, profile: Profile): Profile {
    this.repos.participants.setProfile(this.identify(meetingId, participantId), profile);
    return profile;
  }
}
