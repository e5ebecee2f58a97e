import type { AnyScenario } from '../scenario';
import { boardScenario } from './board';
import { cadresListScenario, cadresSearchNameScenario, cadresSearchWordScenario } from './cadres';
import { cadreSupervisionRecordMemberScenario, cadreSupervisionRecordScenario, inspectionsListScenario } from './inspections';
import { meScenario } from './me';
import {
  periodicReportGeneratedWardScenario,
  periodicReportProvinceScenario,
  periodicReportWardScenario,
} from './periodic-reports';
import { reportsListMemberScenario, reportsOverdueScenario } from './reports-overdue';
import { submitReportScenario } from './submit-report';
import { targetsProvinceScenario, targetsWardScenario } from './targets';

/** Every scenario, in the order they run and are reported. */
export const SCENARIOS: readonly AnyScenario[] = [
  meScenario,
  cadresListScenario,
  cadresSearchNameScenario,
  cadresSearchWordScenario,
  submitReportScenario,
  reportsOverdueScenario,
  reportsListMemberScenario,
  cadreSupervisionRecordScenario,
  cadreSupervisionRecordMemberScenario,
  inspectionsListScenario,
  boardScenario,
  targetsWardScenario,
  targetsProvinceScenario,
  periodicReportWardScenario,
  periodicReportGeneratedWardScenario,
  periodicReportProvinceScenario,
];
