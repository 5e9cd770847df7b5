import type { RequestContext } from '../graphql/context';
import { checkDate, latestPastDate, LIMITS, optionalHttpUrl, optionalText, requiredText } from '../graphql/validate';
import { SourceEntity } from './source.entity';
import { CreateSourceInput } from './source.input';

/** Records a published account; it touches no commitment until cited, so it writes no event. */
export async function createSource(ctx: RequestContext, input: CreateSourceInput): Promise<SourceEntity> {
  const title = requiredText(input.title, 'input.title', { max: LIMITS.title });
  const outlet = optionalText(input.outlet, 'input.outlet', { max: LIMITS.shortText }) ?? null;
  const url = optionalHttpUrl(input.url, 'input.url') ?? null;
  const publishedOn = input.publishedOn == null ? null : checkDate(input.publishedOn, 'input.publishedOn', latestPastDate(ctx.today));
  const [{ id }] = await ctx.db.query(
    `INSERT INTO source (title, outlet, url, published_on, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [title, outlet, url, publishedOn, ctx.clock.now()],
  );
  return ctx.db.getRepository(SourceEntity).findOneByOrFail({ id });
}
