import { Account } from '../modules/accounts/account.entity';
import { LoginThrottle } from '../modules/accounts/login-throttle.entity';
import { CadreHistory } from '../modules/cadres/cadre-history.entity';
import { Cadre } from '../modules/cadres/cadre.entity';
import { Post } from '../modules/units/post.entity';
import { Unit } from '../modules/units/unit.entity';

/** Every entity of the app, for the one DataSource definition in ormconfig.ts. */
export const ENTITIES: Function[] = [Account, LoginThrottle, Unit, Post, Cadre, CadreHistory];
