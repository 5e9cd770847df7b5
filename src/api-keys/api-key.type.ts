import { Field, ObjectType } from 'type-graphql';
import { ApiKeyRoleEnum } from '../graphql/enums';
import { DateTimeScalar } from '../graphql/scalars';
import type { ApiKeyRole } from './api-key.entity';

@ObjectType('ApiKey', { description: 'A write credential. The secret itself is never shown again after creation.', simpleResolvers: true })
export class ApiKeyType {
  @Field() name!: string;
  @Field(() => ApiKeyRoleEnum) role!: ApiKeyRole;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Updated at most once a minute.' }) lastUsedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType('ApiKeyPayload', { simpleResolvers: true })
export class ApiKeyPayload {
  @Field({ description: 'Shown once; only a hash is stored.' }) key!: string;
  @Field() name!: string;
  @Field(() => ApiKeyRoleEnum) role!: ApiKeyRole;
}
