import { Field, ObjectType } from 'type-graphql';
import { Account } from './account.entity';

@ObjectType({ description: 'A signed-in session: send `token` as `Authorization: Bearer <token>`.' })
export class LoginResult {
  @Field({ description: 'Signed access token (JWT, HS256).' })
  token!: string;

  @Field({ description: 'When the token stops working; sign in again after it.' })
  expiresAt!: Date;

  @Field(() => Account, { description: 'The account that signed in.' })
  account!: Account;
}
