import { demoCases, marco, sanne, youssef } from '../data';
import type { DemoStory } from '../story';

/** Gezin D-03: a father with brain injury, a household that no longer runs, and who pays. */
export const householdHelpStory: DemoStory = {
	caseId: demoCases[2].id,
	steps: [
		{
			day: 27,
			time: '10:00',
			by: sanne,
			edit: {
				appendNarrative: [
					'## Situatie',
					'Vader (42) heeft een half jaar geleden een herseninfarct gehad en revalideert thuis. Hij is snel overprikkeld, vergeet afspraken en kan niet meer alleen koken. Moeder is van 20 naar 36 uur per week gaan werken om het inkomen op peil te houden.',
					'De kinderen (6 en 11) doen veel in huis. De oudste maakt ontbijt, brengt zijn zusje naar school en let op zijn vader. Op school valt op dat hij moe is en zich zorgen maakt.',
					'Er is twee uur huishoudelijke hulp per week. Dat is te weinig. De zorgverzekeraar vindt de begeleiding thuis een taak van de gemeente (Wmo); de gemeente vindt dat het onder de revalidatie valt (Zvw). Intussen gebeurt er niets.'
				]
			}
		},
		{
			day: 27,
			time: '10:20',
			by: sanne,
			edit: {
				scores: {
					financien: [3, 'Inkomen van moeder, vader in de Ziektewet; vaste lasten worden betaald.'],
					werk_opleiding: [2, 'Vader kan voorlopig niet werken; re-integratie onzeker.'],
					tijdsbesteding: [2, 'Vader zit veel thuis zonder dagbesteding.'],
					huisvesting: [4, 'Eigen woning, gelijkvloers wonen lukt.'],
					huiselijke_relaties: [2, 'Veel spanning; de oudste zoon is jonge mantelzorger.'],
					geestelijke_gezondheid: [3, 'Vader somber; moeder moe maar veerkrachtig.'],
					lichamelijke_gezondheid: [2, 'Vader herstelt van een herseninfarct.'],
					middelengebruik: [5, 'Geen zorgen.'],
					basale_adl: [3, 'Vader redt zich met aanwijzingen.'],
					instrumentele_adl: [1, 'Koken, boodschappen en administratie lukken vader niet meer.'],
					sociaal_netwerk: [3, 'Buren helpen af en toe; familie woont ver weg.'],
					maatschappelijke_participatie: [3, 'Moeder werkt; vader is zijn contacten kwijt.'],
					justitie: [5, 'Geen contact met justitie.']
				}
			}
		},
		{
			day: 26,
			time: '15:30',
			by: youssef,
			edit: {
				addPlanItems: [
					{
						id: 'd03-household',
						action: 'Huishoudelijke hulp ophogen van twee naar zes uur per week',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Sanne de Regisseur',
						costEstimate: 5200,
						legalBasis: 'Wmo 2015',
						dueInDays: -12,
						status: 'ingediend'
					},
					{
						id: 'd03-coaching',
						action: 'Ambulante begeleiding bij hersenletsel, twee keer per week thuis',
						organisation: 'Zorgverzekeraar of gemeente (in overleg)',
						person: 'Sanne de Regisseur',
						costEstimate: 7800,
						legalBasis: 'Zvw (wijkverpleging) of Wmo 2015: wie betaalt is nog niet besloten',
						dueInDays: 7,
						status: 'concept'
					},
					{
						id: 'd03-young-carers',
						action: 'Oudste zoon aanmelden bij de groep voor jonge mantelzorgers',
						organisation: 'Jeugdhulp Noord (fictief)',
						person: 'Youssef Jeugdhulp',
						costEstimate: 0,
						legalBasis: 'Jeugdwet (vrij toegankelijke voorziening)',
						dueInDays: -5,
						status: 'concept'
					}
				]
			}
		},
		{ day: 26, time: '16:00', by: sanne, saveVersion: 'Na eerste overleg' },
		{
			day: 12,
			time: '13:15',
			by: marco,
			edit: {
				appendNarrative: [
					'## Change Lab-sessie',
					'Belemmering: gemeente en zorgverzekeraar zijn het oneens over **wie betaalt**. De begeleiding blijft daardoor al tien weken liggen.',
					'Kans: de regisseur zet het maatwerkbudget in om de begeleiding direct te laten starten; de betaling wordt daarna tussen gemeente en verzekeraar verrekend. Voorleggen aan het Landelijk Maatwerkloket als het overleg na zes weken niets oplevert.'
				]
			}
		},
		{
			day: 12,
			time: '13:30',
			by: sanne,
			edit: {
				breakthrough:
					'Het huishouden draait weer: vader krijgt begeleiding en hulp tot zijn revalidatie klaar is, en de kinderen hoeven niet langer voor hun vader te zorgen.',
				agreedInDays: -12
			}
		},
		{
			day: 12,
			time: '13:40',
			by: sanne,
			edit: {
				updatePlanItem: {
					id: 'd03-household',
					status: 'goedgekeurd',
					action: 'Huishoudelijke hulp ophogen van twee naar vijf uur per week'
				}
			}
		},
		{
			day: 12,
			time: '13:45',
			by: sanne,
			edit: {
				updatePlanItem: {
					id: 'd03-coaching',
					status: 'ingediend',
					legalBasis: 'Maatwerkbudget Wmo 2015; verrekening met de zorgverzekeraar (Zvw) achteraf'
				}
			}
		},
		{
			day: 12,
			time: '13:50',
			by: youssef,
			edit: {
				addPlanItems: [
					{
						id: 'd03-holiday',
						action: 'Vakantieopvang voor beide kinderen in de herfstvakantie',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Youssef Jeugdhulp',
						costEstimate: 500,
						legalBasis: 'Maatwerkbudget (Wmo 2015)',
						dueInDays: -3,
						status: 'uitgevoerd'
					}
				]
			}
		},
		{
			day: 12,
			time: '14:00',
			by: youssef,
			edit: { updatePlanItem: { id: 'd03-young-carers', status: 'uitgevoerd' } }
		},
		{ day: 12, time: '14:30', by: marco, saveVersion: 'Na Change Lab-sessie' },
		{
			day: 2,
			time: '11:20',
			by: sanne,
			edit: {
				scores: {
					instrumentele_adl: [2, 'Huishoudelijke hulp vijf uur per week; koken lukt met hulp.'],
					huiselijke_relaties: [3, 'Oudste zoon ontlast sinds de hulp er is.']
				}
			}
		}
	]
};
