import type { AnyScenario } from '../scenario';
import { meScenario } from './me';

/** Every scenario, in the order they run and are reported. */
export const SCENARIOS: readonly AnyScenario[] = [meScenario];
