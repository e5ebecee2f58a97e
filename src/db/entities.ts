import { Account } from '../modules/accounts/account.entity';
import { LoginThrottle } from '../modules/accounts/login-throttle.entity';

/** Every entity of the app, for the one DataSource definition in ormconfig.ts. */
export const ENTITIES: Function[] = [Account, LoginThrottle];
