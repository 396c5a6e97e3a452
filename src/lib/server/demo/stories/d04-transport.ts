import { demoCases, lotte, sanne, youssef } from '../data';
import type { DemoStory } from '../story';

/** Gezin D-04: twins, two schools' worth of transport, and a mother spending her days on the bus. */
export const transportStory: DemoStory = {
	caseId: demoCases[3].id,
	steps: [
		{
			day: 30,
			time: '09:15',
			by: youssef,
			edit: {
				appendNarrative: [
					'## Situatie',
					'Moeder woont met een tweeling (8) in Polderdorp. Beide kinderen hebben autisme; een van hen heeft ook epilepsie. Ze gaan naar een school voor speciaal onderwijs in Demostad, 25 km verderop, en hebben twee keer per week therapie in een andere wijk van de stad.',
					'Moeder heeft geen rijbewijs en geen auto. Het leerlingenvervoer rijdt alleen van huis naar school. Naar de therapie reist ze met de kinderen met twee bussen: ruim **veertien uur per week** onderweg. Daardoor kan ze niet beginnen aan haar re-integratietraject.',
					'Een aanvraag voor zittend ziekenvervoer bij de zorgverzekeraar is afgewezen: therapie voor kinderen valt niet onder de Zvw maar onder de Jeugdwet.'
				]
			}
		},
		{
			day: 30,
			time: '09:35',
			by: youssef,
			edit: {
				scores: {
					financien: [2, 'Bijstand; reiskosten drukken zwaar op het budget.'],
					werk_opleiding: [2, 'Re-integratie stilgelegd door de reistijd.'],
					tijdsbesteding: [2, 'Dagen gaan op aan reizen.'],
					huisvesting: [4, 'Passende woning.'],
					huiselijke_relaties: [3, 'Liefdevol, maar moeder is uitgeput.'],
					geestelijke_gezondheid: [
						3,
						'Moeder gestrest; kinderen raken van slag van de lange ritten.'
					],
					lichamelijke_gezondheid: [3, 'Epilepsie van één kind goed ingesteld.'],
					middelengebruik: [5, 'Geen zorgen.'],
					basale_adl: [4, 'Kinderen hebben hulp nodig bij aankleden.'],
					instrumentele_adl: [3, 'Moeder regelt veel zelf.'],
					sociaal_netwerk: [2, 'Klein netwerk; niemand kan rijden.'],
					maatschappelijke_participatie: [2, 'Moeder komt nauwelijks aan iets anders toe.'],
					justitie: [5, 'Geen contact met justitie.']
				}
			}
		},
		{
			day: 29,
			time: '13:00',
			by: lotte,
			edit: {
				addPlanItems: [
					{
						id: 'd04-school-route',
						action: 'Leerlingenvervoer: vaste taxi voor de tweeling, met een vaste chauffeur',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Lotte Leerplicht',
						costEstimate: 9600,
						legalBasis: 'Verordening leerlingenvervoer',
						dueInDays: -20,
						status: 'goedgekeurd'
					},
					{
						id: 'd04-sick-transport',
						action: 'Zittend ziekenvervoer naar de therapie',
						organisation: 'Zorgverzekeraar (fictief)',
						person: 'Youssef Jeugdhulp',
						costEstimate: 3200,
						legalBasis: 'Zvw (zittend ziekenvervoer)',
						dueInDays: -35,
						status: 'afgewezen'
					}
				]
			}
		},
		{ day: 29, time: '13:30', by: youssef, saveVersion: 'Startsituatie' },
		{
			day: 15,
			time: '10:00',
			by: youssef,
			edit: {
				breakthrough:
					'De tweeling gaat met één rit per dag naar school én naar de therapie, zodat moeder haar re-integratie kan beginnen.',
				agreedInDays: -15
			}
		},
		{
			day: 15,
			time: '10:10',
			by: sanne,
			edit: {
				appendNarrative: [
					'## Overleg',
					'Voorstel van de school: de therapeut komt twee keer per week naar school. Dan is geen apart vervoer meer nodig. De gemeente betaalt de therapie al via de Jeugdwet; alleen de plek verandert. Dit is goedkoper dan een tweede taxi.'
				]
			}
		},
		{
			day: 15,
			time: '10:20',
			by: lotte,
			edit: {
				addPlanItems: [
					{
						id: 'd04-therapy-at-school',
						action: 'Therapie op school, tijdens schooltijd, twee keer per week',
						organisation: 'Jeugdhulp Noord (fictief)',
						person: 'Youssef Jeugdhulp',
						costEstimate: 0,
						legalBasis: 'Jeugdwet; onderwijszorgarrangement met de school',
						dueInDays: 20,
						status: 'ingediend'
					},
					{
						id: 'd04-reintegration',
						action: 'Re-integratietraject moeder hervatten, 12 uur per week',
						organisation: 'Gemeente Demostad (fictief)',
						person: 'Sanne de Regisseur',
						costEstimate: 1800,
						legalBasis: 'Participatiewet',
						dueInDays: 45,
						status: 'concept'
					}
				]
			}
		},
		{ day: 15, time: '10:45', by: youssef, saveVersion: 'Therapie op school voorgesteld' },
		{
			day: 3,
			time: '16:00',
			by: lotte,
			edit: {
				updatePlanItem: { id: 'd04-school-route', status: 'uitgevoerd' }
			}
		},
		{
			day: 3,
			time: '16:05',
			by: youssef,
			edit: {
				scores: {
					tijdsbesteding: [3, 'De taxi naar school rijdt; de therapie nog niet op school.']
				}
			}
		}
	]
};
