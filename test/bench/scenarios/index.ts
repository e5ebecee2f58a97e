import type { AnyScenario } from '../scenario';
import { cadresListScenario, cadresSearchNameScenario, cadresSearchWordScenario } from './cadres';
import { meScenario } from './me';

/** Every scenario, in the order they run and are reported. */
export const SCENARIOS: readonly AnyScenario[] = [
  meScenario,
  cadresListScenario,
  cadresSearchNameScenario,
  cadresSearchWordScenario,
];
