import type { EntityManager } from 'typeorm';
import { addDays, CalendarDate } from '../domain/dates';
import { horizonFrom } from '../domain/recurrence';
import { appendEvents, NewEvent } from '../events/event-log';
import { SYSTEM_ACTORS } from '../events/system-actors';
import { materializeRecurringFollowUps } from '../follow-ups/recurring-follow-ups';
import type { AppServices } from '../graphql/context';
import { msUntilNextDay, startOfDay } from './day-boundary';
import {
  findRecurringShortOf,
  findTimeDrivenCandidates,
  readWatermark,
  tryLockScheduler,
  writeWatermark,
} from './status-transitions.repository';
import { timeDrivenTransitions } from './status-transitions';

const JOB = 'time-driven-changes';
const ACTOR = SYSTEM_ACTORS.scheduler;
/** appendEvents binds 8 parameters per event; Postgres allows 65,535 per statement. */
const EVENTS_PER_STATEMENT = 1_000;
/** Wake this long after midnight, so the clock has certainly turned the day. */
const AFTER_MIDNIGHT_MS = 20;

export type TickOutcome =
  | { ran: false; reason: 'another server holds the lock' }
  | { ran: true; processedThrough: CalendarDate; events: number; extendedCommitments: number };

/**
 * One pass of the time-driven work, all in one transaction so a crash or a second server can never
 * half-do or redo it: take the scheduler lock (or skip: another server is on it), extend recurring
 * commitments to the horizon, then for every day between the persisted watermark and today write a
 * STATUS_CHANGED event per follow-up that the day moved, and advance the watermark.
 *
 * On a database never processed, the watermark starts at today: the history written by earlier
 * writes already describes the past, so no flood of historic events.
 */
export async function runSchedulerTick({ db, clock, config, log }: AppServices): Promise<TickOutcome> {
  const today = clock.today();
  return db.transaction(async (manager): Promise<TickOutcome> => {
    if (!(await tryLockScheduler(manager))) return { ran: false, reason: 'another server holds the lock' };
    let watermark = (await readWatermark(manager, JOB)) ?? today;
    if (watermark > addDays(today, 1)) {
      // Only a clock set back (CLOCK_START for a demo) gets here, never the skew between servers:
      // restart the day count from the clock's today rather than wait until it catches up.
      log.warn({ watermark, today }, 'scheduler: the clock is behind the processed days; counting from today');
      watermark = today;
    }
    // Commitment rows first, the event log's lock after, as every API write takes them: the other
    // order could close a deadlock cycle with a write extending the same commitment.
    const extendedCommitments = await extendRecurring(manager, today, clock.now());
    let events = 0;
    if (watermark < today) {
      const candidates = await findTimeDrivenCandidates(manager, watermark, today, config.dueSoonDays, clock.timeZone);
      const transitions = timeDrivenTransitions(candidates, watermark, today, config.dueSoonDays);
      const newEvents: NewEvent[] = transitions.map((t) => ({
        commitmentId: t.commitmentId,
        followUpId: t.followUpId,
        kind: 'STATUS_CHANGED',
        actor: ACTOR,
        occurredAt: startOfDay(t.day, clock.timeZone),
        previousStatus: t.previousStatus,
        status: t.status,
      }));
      for (let i = 0; i < newEvents.length; i += EVENTS_PER_STATEMENT) {
        await appendEvents(manager, newEvents.slice(i, i + EVENTS_PER_STATEMENT));
      }
      events = newEvents.length;
    }
    await writeWatermark(manager, JOB, today > watermark ? today : watermark);
    if (events || extendedCommitments) log.info({ from: watermark, through: today, events, extendedCommitments }, 'scheduler: time-driven changes written');
    return { ran: true, processedThrough: today, events, extendedCommitments };
  });
}

async function extendRecurring(manager: EntityManager, today: CalendarDate, now: Date): Promise<number> {
  const horizon = horizonFrom(today);
  const short = await findRecurringShortOf(manager, horizon);
  for (const commitment of short) await materializeRecurringFollowUps(manager, commitment, horizon, now);
  return short.length;
}

export interface RunningScheduler {
  /** Waits for a tick in progress, then stops. */
  stop(): Promise<void>;
}

/**
 * Runs a tick now, then every schedulerIntervalMs and also just after each midnight of the clock,
 * so a deadline passing is announced within moments rather than up to an interval late. Every
 * server runs this loop; the lock in runSchedulerTick makes only one of them do each tick's work.
 */
export function startScheduler(services: AppServices): RunningScheduler {
  const { config, clock, log } = services;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const tick = () => {
    current = runSchedulerTick(services)
      .catch((err) => log.error({ err }, 'scheduler tick failed; the next tick catches up'))
      .finally(() => {
        if (stopped) return;
        const delay = Math.min(config.schedulerIntervalMs, Math.max(msUntilNextDay(clock), 0) + AFTER_MIDNIGHT_MS);
        timer = setTimeout(tick, delay);
      });
  };
  tick();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
