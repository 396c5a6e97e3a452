import type { DemoStory } from '../story';
import { homeSchoolingStory } from './d01-home-schooling';
import { suitableHomeStory } from './d02-suitable-home';
import { householdHelpStory } from './d03-household-help';
import { transportStory } from './d04-transport';
import { debtsStory } from './d05-debts';

/** What happened in each demo case, in the order of `demoCases`. */
export const demoStories: DemoStory[] = [
	homeSchoolingStory,
	suitableHomeStory,
	householdHelpStory,
	transportStory,
	debtsStory
];
