import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CommitmentType } from '../commitments/commitment.type';
import type { CommitmentRow } from '../commitments/commitment.repository';
import { FollowUpType } from '../follow-ups/follow-up.type';
import type { FollowUpRow } from '../follow-ups/follow-up.repository';
import type { RequestContext } from '../graphql/context';
import { encodeEventCursor } from './event-cursor';
import type { CommitmentEventRow } from './commitment-event.repository';
import { CommitmentEventType } from './commitment-event.type';

@Resolver(() => CommitmentEventType)
export class CommitmentEventResolver {
  @FieldResolver(() => String, { description: 'Opaque and increasing; pass it as `after` to resume.' })
  cursor(@Root() e: CommitmentEventRow): string {
    return encodeEventCursor(e.id);
  }

  @FieldResolver(() => CommitmentType)
  async commitment(@Root() e: CommitmentEventRow, @Ctx() ctx: RequestContext): Promise<CommitmentRow> {
    const commitment = await ctx.loaders.commitmentById.load(e.commitmentId);
    if (!commitment) throw new Error(`event ${e.id} points at missing commitment ${e.commitmentId}`);
    return commitment;
  }

  @FieldResolver(() => FollowUpType, { nullable: true })
  async followUp(@Root() e: CommitmentEventRow, @Ctx() ctx: RequestContext): Promise<FollowUpRow | null> {
    return e.followUpId ? ctx.loaders.followUpById.load(e.followUpId) : null;
  }
}
