export { diffPlan, listAgreements, type PlanDiff, type Agreement } from './plan-diff';
export {
	composeRecord,
	journeyRecordVersion,
	type JourneyRecordV1,
	type SessionFacts
} from './record';
export {
	writeJourneyRecord,
	getJourneyRecord,
	addJourneyAddendum,
	addendumSchema,
	type Addendum,
	type JourneyRecordView
} from './records';
export { getPlanJourney, daysBetween, type PlanJourney, type PlanJourneyStop } from './planreis';
