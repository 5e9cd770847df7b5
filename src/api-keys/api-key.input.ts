import { Field, InputType } from 'type-graphql';
import { ApiKeyRoleEnum } from '../graphql/enums';
import type { ApiKeyRole } from './api-key.entity';

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field({ description: 'Unique among keys.' }) name!: string;
  @Field(() => ApiKeyRoleEnum) role!: ApiKeyRole;
}
